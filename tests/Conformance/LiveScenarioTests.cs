using Homelab.Conformance.Facts;
using Homelab.Conformance.Live.Tests.Harness;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Seed;

namespace Homelab.Conformance.Live.Tests;

/// <summary>
/// Each live violation scenario, applied to the seeded cluster: its rule reports the violation on
/// the right object, the other rules keep their outcome, and the cluster is put back afterwards.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class LiveScenarioTests(LiveCluster cluster)
{
    public static IEnumerable<TheoryDataRow<string>> Scenarios() =>
        LiveScenario.All(LiveCluster.LiveRoot).Select(s => new TheoryDataRow<string>(s.Name) { TestDisplayName = $"{s.Rule} violated live: {s.Breaks}" });

    public static IEnumerable<TheoryDataRow<string>> LiveRules() =>
        RuleCatalogue.All.Where(r => r.Origins.Contains(FactOrigin.Live)).Select(r => new TheoryDataRow<string>(r.Id));

    [Theory]
    [MemberData(nameof(LiveRules))]
    public void Every_live_rule_has_a_violation_scenario(string ruleId)
    {
        LiveScenario.All(LiveCluster.LiveRoot).Should().Contain(s => s.Rule == ruleId, $"{ruleId} needs a scenario under fixtures/live/violations that breaks it");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_violation_is_reported_on_the_live_object(string name)
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.Seeded) Assert.Skip($"scenarios change the cluster: they run only on a seeded throwaway cluster, not on {cluster.Target}");
        var scenario = LiveScenario.Load(Path.Combine(LiveCluster.LiveRoot, "violations", name));
        if (!cluster.SeedsNodes && (scenario.TouchesNodes || RuleCatalogue.Find(scenario.Rule)!.Reads.Contains("Node")))
            Assert.Skip($"{name} needs the four seeded nodes, and {cluster.Target}'s nodes are its own kubelet's");
        var runner = new ScenarioRunner(cluster);
        try
        {
            await runner.Apply(scenario);
            var audit = await cluster.AuditAsync();
            var result = audit[scenario.Rule];
            var report = string.Join(Environment.NewLine, result.Findings.Select(f => $"  {f.Outcome}: {f}"));
            result.Outcome.Should().Be(scenario.Outcome, $"{scenario.Rule} on {name}:{Environment.NewLine}{report}");
            foreach (var expected in scenario.Findings)
                result.Findings.Should().Contain(f => Matches(f, expected), $"{scenario.Rule} should report {expected} among:{Environment.NewLine}{report}");
            foreach (var other in audit.Results.Where(r => r.Rule.Id != scenario.Rule && !scenario.AlsoAffects.Contains(r.Rule.Id)))
                other.Outcome.Should().Be(cluster.Conforming[other.Rule.Id].Outcome,
                    $"{name} should break only {scenario.Rule}, but {other.Rule.Id} says:{Environment.NewLine}{string.Join(Environment.NewLine, other.Findings)}");
        }
        finally
        {
            await runner.Restore(scenario);
        }
    }

    private static bool Matches(Finding finding, ExpectedLiveFinding expected)
    {
        if (finding.Outcome is Outcome.Pass || !finding.Message.Contains(expected.Message, StringComparison.Ordinal)) return false;
        if (expected.Kind is null) return true;
        return finding.Evidence is LiveEvidence live && live.Kind == expected.Kind && live.Name == expected.Name
            && (expected.Namespace is null || live.Namespace == expected.Namespace);
    }
}
