using Homelab.Conformance.Audit;
using Homelab.Conformance.Reports;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Tests.Rules;

/// <summary>A rule's claim names the spec's own values, so a report states it for the user's architecture.</summary>
public sealed class ClaimTests
{
    /// <summary>Five amd64 nodes, other control planes, block storage only, another destination and required sources.</summary>
    private static readonly ArchitectureSpec Other = ReferenceSpec.Value with
    {
        Nodes = ReferenceSpec.Value.Nodes with
        {
            Count = 5, Architecture = "amd64", PerNode = new NodeCapacity(16, 64, 2000), Names = ["n1", "n2", "n3", "n4", "n5"],
        },
        ControlPlane = new ControlPlaneSpec(3, ["n1", "n3", "n5"], Schedulable: true),
        Network = ReferenceSpec.Value.Network with { NodeLevelPolicies = false },
        Storage = ReferenceSpec.Value.Storage with { Kinds = [StorageKind.Block], OsdNodes = ["n1", "n2", "n3"], FailureDomain = "osd" },
        GitOps = ReferenceSpec.Value.GitOps with { RequiredSourceKinds = ["GitRepository", "OCIRepository"] },
        Observability = new ObservabilitySpec("alloy", "otel.example.org"),
    };

    public static TheoryData<string, string> ForOtherSpec => new()
    {
        { "HL-CP-001", "Kubernetes runs in high-availability mode with the spec's control-plane nodes (n1, n3, n5) and no others." },
        { "HL-CP-002", "With only five nodes, the control-plane nodes allow normal workloads to be scheduled on them." },
        { "HL-GIT-003", "Flux is the GitOps engine and pulls from the allowed source kinds, with full Git and OCI support in use." },
        { "HL-NET-005", "Cilium enforces cluster-wide network policies, and such policies are applied." },
        { "HL-NODE-001", "The cluster is made of the spec's five nodes." },
        { "HL-NODE-002", "Each node is amd64 with 16 cores and 64 GiB RAM, running Talos Linux." },
        { "HL-OBS-002", "The credentials Alloy uses to ship to otel.example.org come from Secrets or SOPS-encrypted values, never from plaintext in the repo." },
        { "HL-OBS-003", "Alloy exports the cluster's telemetry to the spec's destination (an endpoint under otel.example.org)." },
        { "HL-STO-001", "Every Ceph pool's replication fits the five nodes: replicated size within the spec's bounds and no larger than the OSD hosts, erasure-coded chunks no more than the OSD hosts, failure domain osd." },
        { "HL-STO-003", "Rook provides each storage kind the spec names: block (CephBlockPool), with the Ceph CSI driver that turns block pools into PersistentVolumes." },
    };

    [Theory]
    [MemberData(nameof(ForOtherSpec))]
    public void The_claim_names_the_specs_own_values(string ruleId, string claim)
    {
        RuleCatalogue.Find(ruleId)!.Claim(Other).Should().Be(claim);
    }

    [Fact]
    public void The_reference_spec_gives_the_claims_of_the_architecture_page()
    {
        var reference = ReferenceSpec.Value;
        RuleCatalogue.Find("HL-NODE-001")!.Claim(reference).Should().Be("The cluster is made of the spec's four nodes.");
        RuleCatalogue.Find("HL-CP-001")!.Claim(reference).Should().Be("Kubernetes runs in high-availability mode with the spec's control-plane nodes (talos-1, talos-2, talos-3) and no others.");
        RuleCatalogue.Find("HL-STO-003")!.Claim(reference).Should().Be("Rook provides each storage kind the spec names: block (CephBlockPool), file (CephFilesystem) and object (CephObjectStore), with the Ceph CSI driver that turns block and file pools into PersistentVolumes.");
        RuleCatalogue.MarkdownTable(reference).Should().Be(RuleCatalogue.MarkdownTable(), "the catalogue speaks for the reference spec");
    }

    [Fact]
    public void A_single_control_plane_is_no_high_availability()
    {
        var one = Other with { ControlPlane = new ControlPlaneSpec(1, ["n1"], Schedulable: false) };

        RuleCatalogue.Find("HL-CP-001")!.Claim(one).Should().Be("Kubernetes runs with the spec's control-plane nodes (n1) and no others.");
        RuleCatalogue.Find("HL-CP-002")!.Claim(one).Should().Be("The control-plane nodes keep normal workloads off (a NoSchedule taint).");
    }

    [Fact]
    public void Results_state_each_claim_for_the_spec_the_run_was_judged_against()
    {
        var audit = NotApplicableTests.Run(SpecLoader.Load(NotApplicableTests.Spec));
        var run = new RunReport("20260601T080000Z", DateTimeOffset.UnixEpoch, TimeSpan.Zero, new RunMetadata(NotApplicableTests.Spec, "0")) { Static = audit };

        var rules = ResultsDocument.From(run).Rules.ToDictionary(r => r.Id, r => r.Claim);

        rules["HL-NET-001"].Should().Be("The spec keeps kube-proxy, so the OS does not disable it.");
        rules["HL-NET-005"].Should().Be("The spec asks for no network policies.");
        rules["HL-OBS-002"].Should().Be("The credentials Alloy uses to ship to its destination come from Secrets or SOPS-encrypted values, never from plaintext in the repo.");
    }
}
