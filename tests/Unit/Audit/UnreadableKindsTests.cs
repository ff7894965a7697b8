using Homelab.Conformance.Audit;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Audit;

/// <summary>
/// Kinds a live source could not read, handled by the Auditor alone: absence in such a kind is
/// inconclusive with the reason, once, and what was read still counts.
/// </summary>
public sealed class UnreadableKindsTests
{
    private const string Forbidden = "403 Forbidden: secrets is forbidden";

    private static readonly ArchitectureSpec Spec = SpecLoader.Load(FixtureAudit.Spec);
    private static readonly ObjectRef Alloy = new("HelmRelease", "observability", "alloy");

    private static ClusterFacts Facts() => new() { Origin = FactOrigin.Live, Source = "cluster test" };

    private static RuleResult Run(string ruleId, ClusterFacts facts) => Auditor.Evaluate(RuleCatalogue.Find(ruleId)!, Spec, facts);

    private static LiveEvidence At(string field) => new("HelmRelease", "observability", "alloy", field);

    /// <summary>HelmRelease alloy: valuesFrom a ConfigMap that exists, a Secret that is not seen, and a ConfigMap that is not seen.</summary>
    private static ClusterFacts References()
    {
        var facts = Facts();
        var present = new ObjectRef("ConfigMap", "observability", "alloy-values");
        facts.Flux.Inventory.Add(present);
        facts.Flux.References.Add(new FluxReference(Alloy, "valuesFrom", present, false, At("spec.valuesFrom[0]")));
        facts.Flux.References.Add(new FluxReference(Alloy, "valuesFrom", new ObjectRef("Secret", "observability", "grafana-cloud"), false, At("spec.valuesFrom[1]")));
        facts.Flux.References.Add(new FluxReference(Alloy, "valuesFrom", new ObjectRef("ConfigMap", "observability", "gone"), false, At("spec.valuesFrom[2]")));
        return facts;
    }

    [Fact]
    public void A_reference_to_a_kind_that_could_not_be_read_is_inconclusive_and_the_others_stand()
    {
        var facts = References();
        facts.UnreadableKinds["Secret"] = Forbidden;

        var result = Run("HL-GIT-002", facts);

        result.Outcome.Should().Be(Outcome.Fail, "the missing ConfigMap was looked for where ConfigMaps could be read");
        result.Findings.Select(f => (f.Outcome, f.Message)).Should().Equal(
            (Outcome.Pass, "HelmRelease observability/alloy valuesFrom ConfigMap observability/alloy-values exists"),
            (Outcome.Inconclusive, $"HelmRelease observability/alloy valuesFrom Secret observability/grafana-cloud: Secret could not be read ({Forbidden})"),
            (Outcome.Fail, "HelmRelease observability/alloy valuesFrom ConfigMap observability/gone does not exist"));
        result.Findings[1].Evidence.Should().Be(At("spec.valuesFrom[1]"), "the reference itself is where to look");
    }

    [Fact]
    public void The_same_reference_fails_where_its_kind_was_read()
    {
        var result = Run("HL-GIT-002", References());

        result.Findings[1].Should().Be(Finding.Fail(At("spec.valuesFrom[1]"), "HelmRelease observability/alloy valuesFrom Secret observability/grafana-cloud does not exist",
            "Secret observability/grafana-cloud", "absent").On(Alloy) with { Missing = new MissingObject("Secret", "HelmRelease observability/alloy valuesFrom Secret observability/grafana-cloud") });
    }

    [Fact]
    public void An_unreadable_kind_a_rule_reads_makes_its_absence_inconclusive_once_with_the_reason()
    {
        var facts = Facts();
        facts.Network.Cilium.Add(new CiliumFact(new ObjectRef("DaemonSet", "kube-system", "cilium"), new LiveEvidence("DaemonSet", "kube-system", "cilium", ""))
        {
            L2Announcements = new Fact<bool>(true, new LiveEvidence("ConfigMap", "kube-system", "cilium-config", "data.enable-l2-announcements")),
        });
        facts.Network.LoadBalancerIpPools.Add(new ObjectFact(new ObjectRef("CiliumLoadBalancerIPPool", null, "homelab-pool"), new LiveEvidence("CiliumLoadBalancerIPPool", null, "homelab-pool", "")));
        facts.UnreadableKinds["CiliumL2AnnouncementPolicy"] = "the API server serves no ciliuml2announcementpolicies.cilium.io (is its CRD installed?)";

        var result = Run("HL-NET-004", facts);

        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Findings.Select(f => (f.Outcome, f.Message)).Should().Equal(
            (Outcome.Pass, "cilium l2announcements.enabled is true"),
            (Outcome.Pass, "1 CiliumLoadBalancerIPPool declared: homelab-pool"),
            (Outcome.Inconclusive, "CiliumL2AnnouncementPolicy could not be read: the API server serves no ciliuml2announcementpolicies.cilium.io (is its CRD installed?)"));
        result.Findings[2].Evidence.Should().Be(new AbsenceEvidence("CiliumL2AnnouncementPolicy", "cluster test"));
    }

    [Fact]
    public void Unreadable_Ceph_kinds_and_CSI_drivers_leave_storage_kinds_inconclusive()
    {
        var facts = Facts();
        facts.Storage.BlockPools.Add(new ObjectFact(new ObjectRef("CephBlockPool", "rook-ceph", "ceph-blockpool"), new LiveEvidence("CephBlockPool", "rook-ceph", "ceph-blockpool", "")));
        facts.Storage.Filesystems.Add(new ObjectFact(new ObjectRef("CephFilesystem", "rook-ceph", "ceph-filesystem"), new LiveEvidence("CephFilesystem", "rook-ceph", "ceph-filesystem", "")));
        facts.UnreadableKinds["CephObjectStore"] = "403 Forbidden";
        facts.UnreadableKinds["CSIDriver"] = "503 Service Unavailable";

        var result = Run("HL-STO-003", facts);

        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Findings.Where(f => f.Outcome != Outcome.Pass).Select(f => (f.Outcome, f.Message)).Should().Equal(
            (Outcome.Inconclusive, "CephObjectStore could not be read: 403 Forbidden"),
            (Outcome.Inconclusive, "CSIDriver could not be read: 503 Service Unavailable"));
    }

    [Fact]
    public void Kinds_unread_for_one_reason_are_named_in_one_finding_and_other_reasons_apart()
    {
        var facts = Facts();
        const string Tree = "not all the repo was read: Kustomization flux-system/platform deploys from a source that is not this repository";
        facts.UnreadableKinds["CephBlockPool"] = Tree;
        facts.UnreadableKinds["CephFilesystem"] = Tree;
        facts.UnreadableKinds["CephObjectStore"] = Forbidden;

        var result = Run("HL-STO-001", facts);

        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Findings.Where(f => f.Message.Contains("could not be read", StringComparison.Ordinal)).Select(f => f.Message).Should().Equal(
            $"CephBlockPool, CephFilesystem could not be read: {Tree}",
            $"CephObjectStore could not be read: {Forbidden}");
    }
}
