using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Rules;

/// <summary>
/// HL-STO-003's CSI drivers as the Rook operator chart's values set them before Rook 1.20: the
/// fixture with its operator pinned to 1.19 and no ceph-csi-drivers release.
/// </summary>
public sealed class CsiDriverTests
{
    private const string Operator = "infrastructure/controllers/rook-ceph/operator.yaml";
    private const string Kustomization = "infrastructure/controllers/rook-ceph/kustomization.yaml";

    private static RuleResult StorageKinds(string operatorValues)
    {
        using var repo = FixtureAudit.CopyOfConforming();
        var release = File.ReadAllText(repo.Full(Operator)).Replace("version: \"^1.16.0\"", "version: \"~1.19.0\"", StringComparison.Ordinal);
        repo.Write(Operator, release + operatorValues);
        repo.Write(Kustomization, File.ReadAllText(repo.Full(Kustomization)).Replace("  - csi-drivers.yaml\n", "", StringComparison.Ordinal));
        return FixtureAudit.Run(repo.Root, FixtureAudit.Spec)["HL-STO-003"];
    }

    [Fact]
    public void Drivers_left_to_the_chart_are_on_and_named_after_the_operator_namespace()
    {
        var result = StorageKinds("");

        result.Outcome.Should().Be(Outcome.Pass);
        var block = result.Findings.Should().ContainSingle(f => f.Message == "block PersistentVolumes through CSI driver rook-ceph.rbd.csi.ceph.com").Subject;
        block.Evidence.Should().BeOfType<ChartDefaultEvidence>().Which.YamlPath.Should().Be("csi.enableRbdDriver");
        block.Evidence.RepoPlace()!.File.Should().Be(Operator, "a default points at the release that takes it");
        result.Findings.Should().Contain(f => f.Message == "file PersistentVolumes through CSI driver rook-ceph.cephfs.csi.ceph.com");
    }

    [Fact]
    public void DisableCsiDriver_turns_every_driver_off_under_the_configured_prefix()
    {
        var result = StorageKinds("""
                csi:
                  disableCsiDriver: "true"
                  csiDriverNamePrefix: storage
            """);

        result.Outcome.Should().Be(Outcome.Fail);
        var failures = result.Findings.Where(f => f.Outcome == Outcome.Fail).ToList();
        failures.Select(f => f.Message).Should().BeEquivalentTo(
            "CSI driver storage.rbd.csi.ceph.com is disabled: no block PersistentVolume can be provisioned",
            "CSI driver storage.cephfs.csi.ceph.com is disabled: no file PersistentVolume can be provisioned");
        failures.Should().AllSatisfy(f => f.Evidence.RepoPlace().Should().Match<RepoEvidence>(at => at.File == Operator && at.YamlPath == "spec.values.csi.disableCsiDriver"));
    }

    [Fact]
    public void A_driver_switch_that_is_not_known_offline_is_inconclusive()
    {
        var result = StorageKinds("""
                csi:
                  enableRbdDriver: ${RBD_ON}
            """);

        result.Outcome.Should().Be(Outcome.Inconclusive);
        result.Findings.Should().ContainSingle(f => f.Outcome == Outcome.Inconclusive).Which.Message.Should().StartWith("whether CSI driver rook-ceph.rbd.csi.ceph.com is enabled is not known");
    }
}
