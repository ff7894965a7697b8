using Homelab.Conformance.Audit;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Sources.Live;
using Homelab.Conformance.Rules;
using Homelab.Conformance.TestCases;

namespace Homelab.Conformance.Live.Tests;

/// <summary>One test case per rule that reads a cluster, named by its id and title (traits <c>rule</c>, <c>area</c>).</summary>
[Collection(LiveCollection.Name)]
public sealed class LiveRuleTests(LiveCluster cluster)
{
    public static IEnumerable<TheoryDataRow<string>> Rules() => RuleCases.Judging(FactOrigin.Live);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_holds_on_the_cluster(string ruleId)
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        var result = cluster.Conforming[ruleId];
        if (!cluster.SeedsNodes && cluster.Seeded && result.Rule.Reads.Contains("Node"))
            Assert.Skip($"{ruleId} judges the nodes, and {cluster.Target}'s are its own kubelet's, not the four seeded talos-1..4");
        var findings = RuleCases.Findings(result);
        // Whatever the cluster, a requirement the spec turns off has nothing to check.
        if (result.Outcome is Outcome.NotApplicable)
            Assert.Skip($"{ruleId} is not applicable: the spec turns it off:{Environment.NewLine}{findings}");
        // A seeded cluster holds everything a rule needs: there, "nothing to decide on" is a failure too.
        if (!cluster.Seeded && result.Outcome is Outcome.Inconclusive or Outcome.Waived)
            Assert.Skip($"{ruleId} {result.Outcome.ToString().ToLowerInvariant()} on {cluster.Conforming.Source}:{Environment.NewLine}{findings}");
        if (result.Outcome is not Outcome.Pass) RuleCases.Fail(result, cluster.Spec, cluster.Conforming.Source);
    }

    [Fact]
    public async Task A_live_audit_shows_the_docs_line_beside_the_cluster_s_evidence()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var page = Path.Combine(AppContext.BaseDirectory, "fixtures", "homelab", "docs", "architecture.md");

        var run = await ConformanceRun.LiveAsync(LiveCluster.Options with { DocsPath = page }, new KubeApi(cluster.Client), timeout.Token);
        var cni = Homelab.Conformance.Reports.ResultsDocument.From(run).Rules.Single(r => r.Id == "HL-NET-003");

        cni.Live!.Outcome.Should().Be("pass");
        cni.Docs.Should().ContainSingle().Which.Should().Match<Homelab.Conformance.Reports.DocsEntry>(d => d.Claim == "network.cni" && d.Value == "cilium" && d.At.Line == 31);
    }
}
