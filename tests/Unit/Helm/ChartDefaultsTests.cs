using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Helm;
using Semver;

namespace Homelab.Conformance.Tests.Helm;

public sealed class ChartDefaultsTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("^1.19.1", "1.19.1", true)]
    [InlineData("^1.19.1", "1.20.3", true)]
    [InlineData("^1.19.1", "1.19.0", false)]
    [InlineData("^1.19.1", "2.0.0", false)]
    [InlineData("^1.19.1", "1.20.0-rc.1", false)]
    [InlineData(">=1.0.0 <2.0.0", "1.5.0", true)]
    [InlineData(">=1.0.0 <2.0.0", "2.0.0", false)]
    [InlineData(">=1.0.0, <2.0.0", "1.9.9", true)]
    [InlineData(">=1.0.0, <2.0.0", "0.9.0", false)]
    [InlineData(">=v1.0.0", "1.0.0", true)]
    [InlineData("v1.2.x", "1.2.7", true)]
    [InlineData("v1.2.x", "1.3.0", false)]
    [InlineData("1.16.5", "1.16.5", true)]
    [InlineData("1.16.5", "1.16.6", false)]
    [InlineData("~1.16.0", "1.16.9", true)]
    [InlineData("~1.16.0", "1.17.0", false)]
    public void Range_reads_Helm_constraints(string constraint, string version, bool contains)
    {
        var range = ChartDefaults.Range(constraint);
        range.Should().NotBeNull();
        range!.Contains(SemVersion.Parse(version, SemVersionStyles.Strict)).Should().Be(contains);
    }

    [Theory]
    [InlineData("*")]
    [InlineData(" * ")]
    [InlineData("")]
    [InlineData(null)]
    public void Range_of_any_version_is_null(string? constraint) => ChartDefaults.Range(constraint).Should().BeNull();

    [Fact]
    public void Find_uses_a_chart_s_own_values_file_when_given()
    {
        _repo.Write("charts/cilium/values.yaml", """
            kubeProxyReplacement: false
            l2announcements:
              enabled: false
            """);
        var path = _repo.Full("charts/cilium/values.yaml");
        var defaults = new ChartDefaults(new Dictionary<string, string> { ["cilium"] = path });

        var (values, version) = defaults.Find("cilium", "^1.16.0")!.Value;

        version.Should().Be(path);
        values.Text("l2announcements.enabled").Should().Be("false");
        values.At("l2announcements.enabled")!.Origin.Should().Be(new ChartDefaultEvidence("cilium", path, "l2announcements.enabled"));
        values.At("l2announcements.enabled")!.Origin.Location.Should().Be($"chart default cilium {path} (l2announcements.enabled)");
        defaults.Charts.Should().Contain("cilium");
    }

    [Theory]
    [InlineData("rook-ceph-cluster", "^1.21.0", "1.21.0")]
    [InlineData("rook-ceph-cluster", "^1.19.1", "1.21.0")]
    [InlineData("rook-ceph-cluster", "~1.20.0", "1.20.6")]
    [InlineData("rook-ceph-cluster", "~1.19.0", "1.19.10")]
    [InlineData("rook-ceph", "^1.19.1", "1.19.10")]
    [InlineData("rook-ceph", "1.19.0", "1.19.0")]
    [InlineData("cilium", ">=1.16.0 <2.0.0", "1.19.5")]
    [InlineData("cilium", "^1.19.0", "1.19.5")]
    [InlineData("cilium", "~1.18.0", "1.18.6")]
    [InlineData("cilium", "~1.17.0", "1.17.0")]
    [InlineData("alloy", "0.12.x", "0.12.5")]
    [InlineData("alloy", "^1.6.0", "1.11.1")]
    public void Embedded_defaults_are_found_by_range(string chart, string constraint, string version)
    {
        var found = new ChartDefaults().Find(chart, constraint);

        found.Should().NotBeNull();
        found!.Value.Version.Should().Be(version);
        found.Value.Values.Keys.Should().NotBeEmpty();
    }

    [Fact]
    public void Embedded_cilium_defaults_leave_kube_proxy_replacement_unset_as_the_chart_does()
    {
        var (values, _) = new ChartDefaults().Find("cilium", "1.17.0")!.Value;

        values.At("kubeProxyReplacement").Should().BeNull("the chart comments the key out");
        values.Text("hostFirewall.enabled").Should().Be("false");
        values.Text("policyEnforcementMode").Should().Be("default");
        values.At("l2announcements.enabled")!.Origin.Location.Should().Be("chart default cilium 1.17.0 (l2announcements.enabled)");
        new ChartDefaults().Find("cilium", "~1.16.0").Should().BeNull("no data is kept for 1.16");
    }

    [Fact]
    public void Find_knows_nothing_of_an_unknown_chart()
    {
        var defaults = new ChartDefaults();
        defaults.Find("no-such-chart", "1.0.0").Should().BeNull();
        defaults.Versions("no-such-chart").Should().BeEmpty();
    }

    [Fact]
    public void An_empty_values_file_gives_no_defaults()
    {
        _repo.Write("values.yaml", "# nothing\n");
        new ChartDefaults(new Dictionary<string, string> { ["x"] = _repo.Full("values.yaml") }).Find("x", null).Should().BeNull();
    }
}
