using Homelab.Conformance.Documents;
using Homelab.Conformance.Sources.Flux;

namespace Homelab.Conformance.Tests.Flux;

public sealed class FluxHelmReleaseTests
{
    private const string File = "apps/web/release.yaml";

    /// <summary>A HelmRelease web/web whose spec starts on line 7.</summary>
    private static KubeObject Web(string spec) => FluxYaml.Object(File, $"""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: web
          namespace: web
        spec:
        {spec}
        """);

    [Fact]
    public void Every_field_is_read_with_the_place_it_is_written()
    {
        var parsed = FluxHelmRelease.Parse(Web("""
              chart:
                spec:
                  chart: charts/web
                  version: ^1.2.0
                  sourceRef:
                    kind: HelmRepository
                    name: charts
                    namespace: flux-system
                  valuesFiles: [values-prod.yaml]
              valuesFrom:
                - kind: Secret
                  name: web-values
                  valuesKey: prod.yaml
                  targetPath: config
                  optional: true
                - name: web-defaults
              values:
                replicas: 2
              dependsOn:
                - name: db
              targetNamespace: apps
              suspend: true
            """));

        parsed.IsWellFormed.Should().BeTrue();
        var release = parsed.View;
        var chart = release.Chart!;
        $"{chart.Chart} {chart.Version} @ {chart.Version!.Evidence.Location}".Should().Be("charts/web ^1.2.0 @ apps/web/release.yaml:10 (spec.chart.spec.version)");
        chart.SourceRef.Should().Be(new FluxObjectRef("HelmRepository", "charts", "flux-system", chart.SourceRef!.At));
        chart.SourceRef.At.Location.Should().Be("apps/web/release.yaml:12 (spec.chart.spec.sourceRef)");
        chart.ValuesFiles!.Value.Should().Equal("values-prod.yaml");
        chart.ValuesFiles.Evidence.Location.Should().Be("apps/web/release.yaml:15 (spec.chart.spec.valuesFiles)");
        release.ChartRef.Should().BeNull();
        release.ValuesFrom.Select(v => $"{v.Source.Kind ?? "-"} {v.Source.Name} {v.ValuesKey ?? "-"} {v.TargetPath ?? "-"} {v.Source.Optional} @ {v.Source.At.Location}").Should().Equal(
            "Secret web-values prod.yaml config True @ apps/web/release.yaml:17 (spec.valuesFrom[0])",
            "- web-defaults - - False @ apps/web/release.yaml:22 (spec.valuesFrom[1])");
        release.Values!.Text("replicas").Should().Be("2");
        release.Values.Origin.Location.Should().Be("apps/web/release.yaml:24 (spec.values)");
        release.DependsOn.Select(d => d.Name).Should().Equal("db");
        $"{release.TargetNamespace} @ {release.TargetNamespace!.Evidence.Location}".Should().Be("apps @ apps/web/release.yaml:27 (spec.targetNamespace)");
        release.Suspend!.Value.Should().BeTrue();
    }

    [Fact]
    public void A_chartRef_names_its_source_by_kind_name_and_namespace()
    {
        var release = FluxHelmRelease.Parse(Web("  chartRef: {kind: OCIRepository, name: web-chart}\n")).View;

        release.Chart.Should().BeNull();
        release.ChartRef.Should().Be(new FluxObjectRef("OCIRepository", "web-chart", null, release.ChartRef!.At));
        release.ChartRef.NamespaceFrom("web").Should().Be("web", "a reference without a namespace is to the release's");
        release.ChartRef.At.Location.Should().Be("apps/web/release.yaml:7 (spec.chartRef)");
    }

    [Fact]
    public void A_valuesFrom_namespace_is_not_read_as_Flux_has_none()
    {
        var release = FluxHelmRelease.Parse(Web("  valuesFrom:\n    - {kind: ConfigMap, name: v, namespace: elsewhere}\n")).View;

        release.ValuesFrom.Single().Source.NamespaceFrom("web").Should().Be("web");
    }

    [Theory]
    [InlineData("chart: {spec: charts/web}", "7 (spec.chart.spec): HelmRelease web/web: 'spec' is a string, where Flux expects a mapping")]
    [InlineData("chart: [web]", "7 (spec.chart): HelmRelease web/web: 'chart' is a list, where Flux expects a mapping")]
    [InlineData("chart:\n    spec:\n      chart: {name: web}", "9 (spec.chart.spec.chart): HelmRelease web/web: 'chart' is a mapping, where Flux expects a string")]
    [InlineData("chart:\n    spec:\n      valuesFiles: [{a: b}]", "9 (spec.chart.spec.valuesFiles[0]): HelmRelease web/web: an item of 'valuesFiles' is a mapping, where Flux expects a string")]
    [InlineData("chartRef: web-chart", "7 (spec.chartRef): HelmRelease web/web: 'chartRef' is a string, where Flux expects a mapping")]
    [InlineData("valuesFrom: {name: v}", "7 (spec.valuesFrom): HelmRelease web/web: 'valuesFrom' is a mapping, where Flux expects a list")]
    [InlineData("valuesFrom:\n    - {name: v, valuesKey: [a]}", "8 (spec.valuesFrom[0].valuesKey): HelmRelease web/web: 'valuesKey' is a list, where Flux expects a string")]
    [InlineData("values: [a]", "7 (spec.values): HelmRelease web/web: 'values' is a list, where Flux expects a mapping")]
    [InlineData("dependsOn: [db]", "7 (spec.dependsOn[0]): HelmRelease web/web: an item of 'dependsOn' is a string, where Flux expects a mapping")]
    [InlineData("suspend: sometimes", "7 (spec.suspend): HelmRelease web/web: 'suspend' is a string, where Flux expects true or false")]
    public void A_field_of_the_wrong_shape_is_a_typed_error_at_its_line(string spec, string expected)
    {
        var parsed = FluxHelmRelease.Parse(Web("  " + spec));

        parsed.Errors.Should().ContainSingle().Which.ToString().Should().Be($"{File}:{expected}");
    }

    [Fact]
    public void A_malformed_field_never_shows_its_value()
    {
        var parsed = FluxHelmRelease.Parse(Web("  values: 'adminPassword: hunter2'\n"));

        parsed.View.Values.Should().BeNull();
        parsed.Errors.Should().ContainSingle().Which.Cause.Should().Be("HelmRelease web/web: 'values' is a string, where Flux expects a mapping")
            .And.NotContain("hunter2");
    }

    [Fact]
    public void Each_object_is_parsed_once_however_many_readers_ask()
    {
        var web = Web("  values: {a: 1}\n");

        FluxHelmRelease.Parse(web).Should().BeSameAs(FluxHelmRelease.Parse(web));
    }
}
