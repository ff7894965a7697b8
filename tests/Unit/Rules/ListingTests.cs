using Homelab.Conformance.Audit;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Rules;

/// <summary>
/// Rules over constructed facts: what is missing from a complete listing (a cluster's LIST) is
/// absent, what is missing from a partial one (a repo's declarations) is not judged. The facts say
/// which; the origin of the facts changes nothing.
/// </summary>
public sealed class ListingTests
{
    private static readonly ArchitectureSpec Spec = SpecLoader.Load(FixtureAudit.Spec);
    private static readonly ObjectRef Cluster = new("CephCluster", "rook-ceph", "rook-ceph");

    public static TheoryData<FactOrigin> Origins => [FactOrigin.Repo, FactOrigin.Live];

    private static ClusterFacts Facts(FactOrigin origin) => new() { Origin = origin, Source = "test" };

    private static RuleResult Run(string ruleId, ClusterFacts facts) => Auditor.Evaluate(RuleCatalogue.Find(ruleId)!, Spec, facts);

    private static NodeFact ControlPlane(string name, Listing taints) =>
        new(name, new Fact<bool>(true, new LiveEvidence("Node", null, name, "metadata.labels")), new LiveEvidence("Node", null, name, "")) { TaintListing = taints };

    [Theory]
    [MemberData(nameof(Origins))]
    public void A_control_plane_without_taints_takes_workloads_only_where_every_taint_is_listed(FactOrigin origin)
    {
        var listed = Facts(origin);
        listed.Nodes.Add(ControlPlane("talos-1", Listing.Complete));
        var declared = Facts(origin);
        declared.Nodes.Add(ControlPlane("talos-1", Listing.Partial("a declaration names the taints it adds")));
        declared.ControlPlaneScheduling.Add(new Fact<bool>(true, new RepoEvidence("talos/talconfig.yaml", 5, 3, "allowSchedulingOnControlPlanes")));

        Run("HL-CP-002", listed).Findings.Should().Equal(Finding.Pass(new LiveEvidence("Node", null, "talos-1", ""), "talos-1 has no NoSchedule/NoExecute taint"));
        Run("HL-CP-002", declared).Findings.Should().ContainSingle("the setting decides; the node's own taints are not all known")
            .Which.Message.Should().Be("scheduling on control planes is true");
    }

    [Theory]
    [MemberData(nameof(Origins))]
    public void A_control_plane_that_should_keep_workloads_off_fails_untainted_only_where_every_taint_is_listed(FactOrigin origin)
    {
        var spec = Spec with { ControlPlane = Spec.ControlPlane with { Schedulable = false } };
        var listed = Facts(origin);
        listed.Nodes.Add(ControlPlane("talos-1", Listing.Complete));
        var declared = Facts(origin);
        declared.Nodes.Add(ControlPlane("talos-1", Listing.Partial("a declaration names the taints it adds")));

        var fail = Auditor.Evaluate(RuleCatalogue.Find("HL-CP-002")!, spec, listed);
        fail.Outcome.Should().Be(Outcome.Fail);
        fail.Findings.Should().ContainSingle().Which.Message.Should().Be("talos-1 has no NoSchedule taint although control planes should not take workloads");
        Auditor.Evaluate(RuleCatalogue.Find("HL-CP-002")!, spec, declared).Findings.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Origins))]
    public void A_missing_CSI_driver_fails_only_where_every_driver_is_listed(FactOrigin origin)
    {
        var listed = StorageKinds(origin, Listing.Complete);
        var declared = StorageKinds(origin, Listing.Partial("the repo holds no Rook operator release"));

        var fail = Run("HL-STO-003", listed);
        fail.Outcome.Should().Be(Outcome.Fail);
        fail.Findings.Where(f => f.Outcome == Outcome.Fail).Should().Equal(
            Finding.Fail(new AbsenceEvidence("CSIDriver", "test"), "no CSI driver *.rbd.csi.ceph.com is registered: no block PersistentVolume can be provisioned", "*.rbd.csi.ceph.com", "none"),
            Finding.Fail(new AbsenceEvidence("CSIDriver", "test"), "no CSI driver *.cephfs.csi.ceph.com is registered: no file PersistentVolume can be provisioned", "*.cephfs.csi.ceph.com", "none"));
        var pass = Run("HL-STO-003", declared);
        pass.Outcome.Should().Be(Outcome.Pass);
        pass.Findings.Select(f => f.Message).Should().Equal("block storage: ceph-blockpool", "file storage: ceph-filesystem", "object storage: ceph-objectstore");
    }

    [Theory]
    [MemberData(nameof(Origins))]
    public void An_OSD_node_without_an_OSD_pod_fails_only_where_every_pod_is_listed(FactOrigin origin)
    {
        var listed = OsdNodes(origin, Listing.Complete);
        var declared = OsdNodes(origin, Listing.Partial("no running pods were listed"));

        var fail = Run("HL-STO-005", listed);
        fail.Outcome.Should().Be(Outcome.Fail);
        fail.Findings.Where(f => f.Outcome == Outcome.Fail).Should().Equal(
            Finding.Fail(new AbsenceEvidence("OSD pod on talos-4", "test"), "no OSD runs on talos-4", "an OSD pod on talos-4", "none"));
        fail.Findings.Should().Contain(Finding.Pass(new LiveEvidence("Pod", "rook-ceph", "rook-ceph-osd-0", "spec.nodeName"), "an OSD runs on talos-1"));
        var pass = Run("HL-STO-005", declared);
        pass.Outcome.Should().Be(Outcome.Pass);
        pass.Findings.Should().NotContain(f => f.Message.Contains("OSD runs", StringComparison.Ordinal));
    }

    private static ClusterFacts StorageKinds(FactOrigin origin, Listing drivers)
    {
        var facts = Facts(origin);
        facts.Storage.BlockPools.Add(new ObjectFact(new ObjectRef("CephBlockPool", "rook-ceph", "ceph-blockpool"), new LiveEvidence("CephBlockPool", "rook-ceph", "ceph-blockpool", "")));
        facts.Storage.Filesystems.Add(new ObjectFact(new ObjectRef("CephFilesystem", "rook-ceph", "ceph-filesystem"), new LiveEvidence("CephFilesystem", "rook-ceph", "ceph-filesystem", "")));
        facts.Storage.ObjectStores.Add(new ObjectFact(new ObjectRef("CephObjectStore", "rook-ceph", "ceph-objectstore"), new LiveEvidence("CephObjectStore", "rook-ceph", "ceph-objectstore", "")));
        facts.Storage.CsiDriverListing = drivers;
        return facts;
    }

    /// <summary>A CephCluster storing on the spec's four nodes, OSD pods on the first three.</summary>
    private static ClusterFacts OsdNodes(FactOrigin origin, Listing pods)
    {
        var facts = Facts(origin);
        facts.Storage.Clusters.Add(new CephClusterFact(Cluster, new LiveEvidence("CephCluster", "rook-ceph", "rook-ceph", ""))
        {
            StorageNodes = Spec.Storage.OsdNodes.Select((n, i) => new Fact<string>(n, new LiveEvidence("CephCluster", "rook-ceph", "rook-ceph", $"spec.storage.nodes[{i}].name"))).ToList(),
        });
        for (var i = 0; i < 3; i++)
            facts.Storage.OsdPods.Add(new Fact<string>($"talos-{i + 1}", new LiveEvidence("Pod", "rook-ceph", $"rook-ceph-osd-{i}", "spec.nodeName")));
        facts.Storage.OsdPodListing = pods;
        return facts;
    }
}
