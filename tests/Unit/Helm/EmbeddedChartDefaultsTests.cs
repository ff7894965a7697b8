using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Sources.Git.Helm;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Helm;

/// <summary>
/// The fixture with a chart pinned to a range of a newer minor, judged offline: the values it
/// leaves to the chart come from the newest embedded release that range matches, and the
/// evidence names that release.
/// </summary>
public sealed class EmbeddedChartDefaultsTests : IDisposable
{
    private readonly TempRepo _repo = FixtureAudit.CopyOfConforming();

    public void Dispose() => _repo.Dispose();

    private void Replace(string file, string from, string to)
    {
        var text = File.ReadAllText(_repo.Full(file));
        text.Should().Contain(from, "the fixture still reads as this test expects");
        _repo.Write(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    private AuditResult Audit() => FixtureAudit.Run(_repo.Root, FixtureAudit.Spec);

    [Theory]
    [InlineData("~1.18.0", "1.18.6")]
    [InlineData("^1.19.0", "1.19.5")]
    public void Cilium_left_to_its_chart_is_judged_on_that_minor_s_defaults(string range, string version)
    {
        Replace("infrastructure/controllers/sources/oci-cilium.yaml", "semver: \">=1.16.0 <2.0.0\"", $"semver: \"{range}\"");
        Replace("infrastructure/controllers/cilium/values.yaml", "kubeProxyReplacement: true\n", "");
        Replace("infrastructure/controllers/cilium/values.yaml", "hostFirewall:\n  enabled: true\n", "");

        var audit = Audit();

        // Since 1.18 the chart's values.yaml sets kubeProxyReplacement: "false" (1.17 left it commented out).
        audit["HL-NET-002"].Findings.Should().Contain(f => f.Outcome == Outcome.Fail && f.Evidence is ChartDefaultEvidence
            && f.Evidence.Location.StartsWith($"chart default cilium {version} (kubeProxyReplacement)", StringComparison.Ordinal));
        audit["HL-NET-005"].Findings.Should().Contain(f => f.Outcome == Outcome.Fail
            && f.Evidence.Location.StartsWith($"chart default cilium {version} (hostFirewall.enabled)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_rook_operator_pinned_to_1_19_is_judged_on_the_newest_1_19_defaults()
    {
        Replace("infrastructure/controllers/rook-ceph/operator.yaml", "version: \"^1.16.0\"", "version: \"~1.19.0\"");
        Replace("infrastructure/controllers/rook-ceph/kustomization.yaml", "  - csi-drivers.yaml\n", "");

        var result = Audit()["HL-STO-003"];

        result.Outcome.Should().Be(Outcome.Pass);
        var block = result.Findings.Should().ContainSingle(f => f.Message == "block PersistentVolumes through CSI driver rook-ceph.rbd.csi.ceph.com").Subject;
        block.Evidence.Should().BeOfType<ChartDefaultEvidence>().Which.Version.Should().Be("1.19.10");
        block.Evidence.Location.Should().StartWith("chart default rook-ceph 1.19.10 (csi.enableRbdDriver)");
    }

    [Fact]
    public void A_rook_operator_range_reaching_1_20_brings_no_CSI_driver_though_the_newest_embedded_defaults_are_1_19_s()
    {
        // Flux installs the newest release ^1.19.1 admits, a 1.20 or later one; the embedded data stops at 1.19.10.
        Replace("infrastructure/controllers/rook-ceph/operator.yaml", "version: \"^1.16.0\"", "version: \"^1.19.1\"");
        Replace("infrastructure/controllers/rook-ceph/kustomization.yaml", "  - csi-drivers.yaml\n", "");

        var audit = Audit();

        var block = audit["HL-STO-003"].Findings.Should().ContainSingle(f => f.Outcome == Outcome.Fail && f.Message.StartsWith("no CSI driver *.rbd.csi.ceph.com", StringComparison.Ordinal)).Subject;
        block.Message.Should().Be("no CSI driver *.rbd.csi.ceph.com is registered: HelmRelease rook-ceph/rook-ceph installs Rook ^1.19.1, a range Flux resolves to 1.20 or later, "
            + "and Rook 1.20 and later deploy no CSI driver (install the ceph-csi-drivers chart): no block PersistentVolume can be provisioned");
        block.Evidence.RepoPlace().Should().Match<RepoEvidence>(at => at.File == "infrastructure/controllers/rook-ceph/operator.yaml" && at.YamlPath == "spec.chart.spec.version");
        audit["HL-STO-004"].Findings.Should().Contain(f => f.Outcome == Outcome.Fail
            && f.Message.StartsWith("default StorageClass ceph-block provisioner is rook-ceph.rbd.csi.ceph.com, but no CSI driver is registered: HelmRelease rook-ceph/rook-ceph installs Rook ^1.19.1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("~1.19.0", "1.19.10")]
    [InlineData("~1.20.0", "1.20.6")]
    [InlineData("^1.19.1", "1.21.0")]
    public void A_rook_cluster_left_to_its_chart_is_judged_on_that_minor_s_defaults(string range, string version)
    {
        Replace("infrastructure/controllers/rook-ceph/cluster.yaml", "version: \"^1.16.0\"", $"version: \"{range}\"");

        var result = Audit()["HL-STO-001"];

        result.Outcome.Should().Be(Outcome.Pass);
        result.Findings.Should().Contain(f => f.Evidence is ChartDefaultEvidence
            && f.Evidence.Location.StartsWith($"chart default rook-ceph-cluster {version} (cephBlockPools[0].spec.replicated.size)", StringComparison.Ordinal));
    }

    [Fact]
    public void Alloy_1_x_left_to_its_chart_takes_the_1_11_defaults()
    {
        Replace("apps/observability/helmrelease.yaml", "version: \">=0.12.0 <2.0.0\"", "version: \"^1.6.0\"");
        Replace("apps/observability/helmrelease.yaml", "        create: false\n", "");

        // Alloy's findings cite the release, not the defaults it took: the chart's own create: true
        // (it then makes a ConfigMap of its empty content) leaves the collector without a config.
        Audit()["HL-OBS-001"].Outcome.Should().Be(Outcome.Fail);
        var (values, version) = new ChartDefaults().Find("alloy", "^1.6.0")!.Value;
        version.Should().Be("1.11.1");
        values.At("alloy.configMap.create")!.Origin.Location.Should().Be("chart default alloy 1.11.1 (alloy.configMap.create)");
        values.Text("controller.type").Should().Be("daemonset");
    }
}
