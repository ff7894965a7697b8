using System.Text.Json.Nodes;

namespace Homelab.Conformance.Live.Tests.Harness;

/// <summary>Applies a scenario over the seeded cluster and puts the conforming cluster back afterwards.</summary>
public sealed class ScenarioRunner(LiveCluster cluster)
{
    private readonly ApiWriter _writer = new(cluster.Client);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async Task Apply(LiveScenario scenario)
    {
        foreach (var (kind, ns, name) in scenario.Delete)
        {
            var original = Conforming(kind, ns, name) ?? throw new InvalidDataException($"{scenario.Name} deletes {kind} {ns}/{name}, which conforming/ does not hold");
            await _writer.DeleteAsync(original["apiVersion"]!.GetValue<string>(), kind, ns, name, Cancel);
        }
        foreach (var o in scenario.Apply) await _writer.CreateOrReplaceAsync(o, Cancel);
    }

    /// <summary>Puts the conforming objects back and removes what the scenario added.</summary>
    public async Task Restore(LiveScenario scenario)
    {
        foreach (var o in scenario.Apply)
        {
            var key = LiveFixtures.Key(o);
            var original = cluster.ConformingObjects.FirstOrDefault(c => LiveFixtures.Key(c) == key);
            if (original is not null) await _writer.CreateOrReplaceAsync(original, Cancel);
            else await _writer.DeleteAsync(o["apiVersion"]!.GetValue<string>(), o["kind"]!.GetValue<string>(),
                o["metadata"]?["namespace"]?.GetValue<string>(), o["metadata"]!["name"]!.GetValue<string>(), Cancel);
        }
        foreach (var (kind, ns, name) in scenario.Delete)
            if (Conforming(kind, ns, name) is { } original) await _writer.CreateOrReplaceAsync(original, Cancel);
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

    private JsonObject? Conforming(string kind, string? ns, string name) =>
        cluster.ConformingObjects.FirstOrDefault(o => o["kind"]!.GetValue<string>() == kind
            && o["metadata"]!["name"]!.GetValue<string>() == name
            && o["metadata"]?["namespace"]?.GetValue<string>() == ns);
}
