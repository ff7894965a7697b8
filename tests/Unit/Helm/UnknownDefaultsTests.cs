using Homelab.Conformance.Audit;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Helm;

/// <summary>
/// A chart pinned to a version whose default values are not known: what those defaults decide is
/// unknown (inconclusive, saying so on the rule's line), never absent and never a pass on half the values.
/// </summary>
public sealed class UnknownDefaultsTests
{
    private static AuditResult Audit(params (string File, string From, string To)[] edits)
    {
        using var repo = FixtureAudit.CopyOfConforming();
        foreach (var (file, from, to) in edits)
        {
            var text = File.ReadAllText(repo.Full(file));
            text.Should().Contain(from);
            repo.Write(file, text.Replace(from, to, StringComparison.Ordinal));
        }
        return ConformanceRun.Static(new RunOptions { RepoPath = repo.Root, SpecPath = FixtureAudit.Spec, Today = FixtureAudit.Today }).Static!;
    }

    [Fact]
    public void Pools_and_classes_the_cluster_chart_s_unknown_defaults_may_create_are_not_absent()
    {
        // The fixture's values set no StorageClass of their own; the chart's defaults make the default one.
        var audit = Audit(("infrastructure/controllers/rook-ceph/cluster.yaml", "version: \"^1.16.0\"", "version: \"0.9.0\""));

        audit["HL-STO-004"].Outcome.Should().NotBe(Outcome.Fail);
        audit["HL-STO-004"].Outcome.Should().NotBe(Outcome.Pass);
        audit["HL-STO-004"].Findings.Should().Contain(f => f.Message.Contains("the default values of chart rook-ceph-cluster at the version HelmRelease rook-ceph/rook-ceph-cluster pins are not known", StringComparison.Ordinal));
        audit["HL-STO-002"].Outcome.Should().Be(Outcome.Inconclusive, "the manager count is left to the chart's defaults");
        audit.Problems.Should().Contain(p => p.Cause.StartsWith("chart rook-ceph-cluster 0.9.0: not in the chart cache, and the run is offline", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Cilium_setting_left_to_unknown_defaults_is_unknown_on_the_rule_s_line()
    {
        var audit = Audit(
            ("infrastructure/controllers/sources/oci-cilium.yaml", "semver: \">=1.16.0 <2.0.0\"", "semver: \">=0.1.0 <0.2.0\""),
            ("infrastructure/controllers/cilium/values.yaml", "policyEnforcementMode: default", "# policy enforcement left to the chart"));

        var result = audit["HL-NET-005"];
        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Findings.Should().Contain(f => f.Outcome == Outcome.Inconclusive
            && f.Message.Contains("policyEnforcementMode is not set, and the cilium chart's default at the version HelmRelease kube-system/cilium pins is not known", StringComparison.Ordinal));
        audit["HL-NET-002"].Outcome.Should().Be(Outcome.Pass, "what the repo sets itself is known whatever the chart's defaults");
    }

    [Fact]
    public void A_cluster_that_names_no_nodes_and_may_use_all_of_them_is_inconclusive_not_failing()
    {
        var facts = new ClusterFacts { Origin = FactOrigin.Repo, Source = "repo test" };
        var at = new RepoEvidence("rook/cluster.yaml", 20, 5, "spec.values.cephClusterSpec");
        facts.Storage.Clusters.Add(new CephClusterFact(new ObjectRef("CephCluster", "rook-ceph", "rook-ceph"), at)
        {
            UseAllNodes = Fact<bool>.NotKnown(at, "cephClusterSpec.storage.useAllNodes is not set, and the chart's default is not known"),
        });

        var result = Auditor.Evaluate(RuleCatalogue.Find("HL-STO-005")!, SpecLoader.Load(FixtureAudit.Spec), facts);

        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Findings.Should().ContainSingle().Which.Message.Should()
            .Be("rook-ceph names no storage nodes, and whether it uses all nodes is not known: cephClusterSpec.storage.useAllNodes is not set, and the chart's default is not known");
    }
}
