using Homelab.Seed;

namespace Homelab.Conformance.Live.Tests.Harness;

/// <summary>Applies a scenario over the seeded cluster, and restores it until the audit is back to conforming.</summary>
public sealed class ScenarioRunner(LiveCluster cluster)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Task Apply(LiveScenario scenario) => cluster.Seeder.ApplyAsync(scenario, Cancel);

    public async Task Restore(LiveScenario scenario)
    {
        await cluster.Seeder.RestoreAsync(scenario, Cancel);
        await UntilConforming(scenario);
    }

    /// <summary>
    /// Controllers finish a restore on their own time (the garbage collector removes the pods of a
    /// deleted DaemonSet), so the next scenario starts only once the audit is back to the conforming one.
    /// </summary>
    private async Task UntilConforming(LiveScenario scenario)
    {
        var differing = new List<string>();
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var audit = await cluster.AuditAsync();
            differing = audit.Results.Where(r => r.Outcome != cluster.Conforming[r.Rule.Id].Outcome).Select(r => r.Rule.Id).ToList();
            if (differing.Count == 0) return;
            await Task.Delay(500, Cancel);
        }
        Assert.Fail($"after {scenario.Name}, the cluster did not return to its conforming state within 30 s: {string.Join(", ", differing)} still differ");
    }
}
