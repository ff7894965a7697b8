using Homelab.Conformance.Facts;
using Homelab.Conformance.Rules;

namespace Homelab.Conformance.Live.Tests;

/// <summary>One test case per rule that reads a cluster, named by its id and title.</summary>
[Collection(LiveCollection.Name)]
public sealed class LiveRuleTests(LiveCluster cluster)
{
    public static IEnumerable<TheoryDataRow<string>> Rules() =>
        RuleCatalogue.All.Where(r => r.Origins.Contains(FactOrigin.Live))
            .Select(r => new TheoryDataRow<string>(r.Id) { TestDisplayName = $"{r.Id} {r.Title}" });

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_holds_on_the_cluster(string ruleId)
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        var result = cluster.Conforming[ruleId];
        var findings = string.Join(Environment.NewLine, result.Findings.Select(f => $"  {f.Outcome.ToString().ToLowerInvariant()}: {f}"));
        // Whatever the cluster, a requirement the spec turns off has nothing to check.
        if (result.Outcome is Outcome.NotApplicable)
            Assert.Skip($"{ruleId} is not applicable: the spec turns it off:{Environment.NewLine}{findings}");
        // A seeded cluster holds everything a rule needs: there, "nothing to decide on" is a failure too.
        if (!cluster.Seeded && result.Outcome is Outcome.Inconclusive or Outcome.Waived)
            Assert.Skip($"{ruleId} {result.Outcome.ToString().ToLowerInvariant()} on {cluster.Conforming.Source}:{Environment.NewLine}{findings}");
        result.Outcome.Should().Be(Outcome.Pass, $"{result.Rule.Claim(cluster.Spec)}{Environment.NewLine}{findings}{Environment.NewLine}Fix: {result.Rule.Remediation}{Environment.NewLine}");
    }
}
