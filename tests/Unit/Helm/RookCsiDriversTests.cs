using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Flux;
using Homelab.Conformance.Sources.Git.Helm;
using Homelab.Conformance.Sources.Git.Helm.Charts;
using Homelab.Conformance.Tests.Flux;

namespace Homelab.Conformance.Tests.Helm;

/// <summary>
/// Where a repo's Ceph CSI drivers come from: the Rook operator chart before 1.20 (decided on the
/// version Flux installs), the ceph-csi-drivers chart's <c>drivers</c> entries from 1.20 on.
/// </summary>
public sealed class RookCsiDriversTests
{
    private static ResolvedRelease Release(string chart, string version, string values = "{}", string? resolved = null)
    {
        var o = FluxYaml.Object($"infra/{chart}.yaml", $"""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {"{"}name: {chart}, namespace: rook-ceph{"}"}
            spec:
              chart:
                spec:
                  chart: {chart}
                  version: "{version}"
              values: {values}
            """);
        var spec = FluxHelmRelease.Parse(o).View;
        var found = new ChartDefaults().Find(chart, version, o.Origin);
        var merged = ValuesMerge.Merge(found?.Values ?? new MapNode(o.Origin, []), spec.Values!);
        return new ResolvedRelease(o, spec, chart, found?.Version, merged) { Constraint = version, ResolvedVersion = resolved };
    }

    private static StorageFacts Operator(string version, string? resolved = null)
    {
        var storage = new StorageFacts();
        RookCephChart.Project(Release("rook-ceph", version, resolved: resolved), storage);
        return storage;
    }

    [Theory]
    [InlineData("1.19.10", "1.19.10")]
    [InlineData("~1.19.0", null)]
    [InlineData("^1.16.0", "1.19.10")]
    public void Before_1_20_the_operator_registers_its_own_drivers(string version, string? resolved)
    {
        var storage = Operator(version, resolved);

        storage.RookWithoutCsi.Should().BeEmpty();
        storage.CsiDrivers.Select(d => d.Name).Should().Equal("rook-ceph.rbd.csi.ceph.com", "rook-ceph.cephfs.csi.ceph.com");
        storage.CsiDrivers.Should().AllSatisfy(d => d.Enabled.Should().Match<Fact<bool>>(e => e.IsKnown && e.Value));
    }

    [Fact]
    public void Offline_a_range_admitting_1_20_registers_none_though_its_defaults_are_1_19_10()
    {
        var release = Release("rook-ceph", "^1.19.1");
        var storage = new StorageFacts();

        RookCephChart.Project(release, storage);

        release.DefaultsVersion.Should().Be("1.19.10", "1.20 is not embedded");
        storage.CsiDrivers.Should().BeEmpty();
        var rook = storage.RookWithoutCsi.Should().ContainSingle().Subject;
        rook.Version.Should().Be("^1.19.1, a range Flux resolves to 1.20 or later");
        rook.Release.Should().Be(new ObjectRef("HelmRelease", "rook-ceph", "rook-ceph"));
        rook.Evidence.RepoPlace()!.YamlPath.Should().Be("spec.chart.spec.version");
    }

    [Theory]
    [InlineData("^1.19.1", "1.20.6")]
    [InlineData("1.20.0", "1.20.0")]
    public void A_fetched_or_pinned_1_20_registers_none(string version, string resolved)
    {
        var storage = Operator(version, resolved);

        storage.CsiDrivers.Should().BeEmpty();
        storage.RookWithoutCsi.Should().ContainSingle().Which.Version.Should().Be(resolved);
    }

    [Fact]
    public void A_chart_version_that_is_not_known_leaves_the_operator_s_drivers_unknown()
    {
        var storage = Operator("${ROOK_VERSION}");

        storage.RookWithoutCsi.Should().BeEmpty();
        storage.CsiDrivers.Should().HaveCount(2).And.AllSatisfy(d => d.Enabled.IsKnown.Should().BeFalse());
    }

    [Fact]
    public void Ceph_csi_drivers_left_to_the_chart_register_its_four_drivers_by_their_default_names()
    {
        var drivers = CephCsiDriversChart.CsiDrivers(Release(CephCsiDriversChart.Name, "1.0.4")).ToList();

        drivers.Select(d => d.Name).Should().BeEquivalentTo("rbd.csi.ceph.com", "cephfs.csi.ceph.com", "nfs.csi.ceph.com", "nvmeof.csi.ceph.com");
        drivers.Should().AllSatisfy(d => d.Enabled.Should().Match<Fact<bool>>(e => e.IsKnown && e.Value && e.Evidence is ChartDefaultEvidence));
        drivers.Select(d => d.Type).Should().BeEquivalentTo("rbd", "cephfs", "nfs", "nvmeof");
    }

    [Fact]
    public void Ceph_csi_drivers_values_name_and_switch_each_driver()
    {
        var drivers = CephCsiDriversChart.CsiDrivers(Release(CephCsiDriversChart.Name, "1.0.4",
            "{drivers: {rbd: {name: rook-ceph.rbd.csi.ceph.com}, cephfs: {name: rook-ceph.cephfs.csi.ceph.com, enabled: false}, nfs: {enabled: \"true\"}}}")).ToDictionary(d => d.Name);

        drivers["rook-ceph.rbd.csi.ceph.com"].Enabled.Should().Match<Fact<bool>>(e => e.IsKnown && e.Value);
        drivers["rook-ceph.cephfs.csi.ceph.com"].Enabled.Should().Match<Fact<bool>>(e => e.IsKnown && !e.Value);
        drivers["nfs.csi.ceph.com"].Enabled.IsKnown.Should().BeFalse("a quoted \"true\" is a string, not the boolean Helm hands the template");
    }

    [Fact]
    public void Ceph_csi_drivers_of_a_version_without_known_defaults_leave_unset_names_unknown()
    {
        var drivers = CephCsiDriversChart.CsiDrivers(Release(CephCsiDriversChart.Name, "9.0.0",
            "{drivers: {rbd: {name: rook-ceph.rbd.csi.ceph.com, enabled: true}}}")).ToList();

        drivers.Should().ContainSingle(d => d.Enabled.IsKnown).Which.Name.Should().Be("rook-ceph.rbd.csi.ceph.com");
        var cephfs = drivers.Should().ContainSingle(d => d.Type == "cephfs").Subject;
        cephfs.Enabled.IsKnown.Should().BeFalse();
        cephfs.Enabled.Unknown.Should().Be("drivers.cephfs.name is not set, and the ceph-csi-drivers chart's default at the version HelmRelease rook-ceph/ceph-csi-drivers pins is not known");
    }

    [Theory]
    [InlineData("rook-ceph.rbd.csi.ceph.com", "rbd")]
    [InlineData("rbd.csi.ceph.com", "rbd")]
    [InlineData("a.b.cephfs.csi.ceph.com", "cephfs")]
    [InlineData("rook-ceph.rgw.csi.ceph.com", null)]
    [InlineData("driver.longhorn.io", null)]
    public void A_driver_s_type_is_read_from_its_name_as_the_ceph_csi_operator_reads_it(string name, string? type) =>
        CsiDriverFact.TypeOf(name).Should().Be(type);
}
