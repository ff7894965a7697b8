using Homelab.Conformance.Sources.Flux;

namespace Homelab.Conformance.Tests.Flux;

public sealed class FluxSourceTests
{
    private const string File = "clusters/home/sources.yaml";

    private static FluxParseResult<FluxSource> Parse(string apiVersion, string kind, string spec) =>
        FluxSource.Parse(FluxYaml.Object(File, $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: s, namespace: flux-system}}\nspec:\n{spec}"));

    [Theory]
    [InlineData("GitRepository", "  url: https://github.com/me/homelab\n  ref: {branch: main}\n", "https://github.com/me/homelab", "branch main")]
    [InlineData("OCIRepository", "  url: oci://ghcr.io/cilium/charts/cilium\n  ref: {tag: 1.16.5}\n", "oci://ghcr.io/cilium/charts/cilium", "tag 1.16.5")]
    [InlineData("OCIRepository", "  url: oci://ghcr.io/x/y\n  ref:\n    semver: '>=1.0.0'\n", "oci://ghcr.io/x/y", "semver >=1.0.0")]
    [InlineData("HelmRepository", "  url: https://charts.example.com\n", "https://charts.example.com", "-")]
    [InlineData("Bucket", "  bucketName: manifests\n", null, "-")]
    public void A_source_is_read_with_its_kind_URL_and_ref(string kind, string spec, string? url, string revision)
    {
        var parsed = Parse("source.toolkit.fluxcd.io/v1", kind, spec);

        parsed.IsWellFormed.Should().BeTrue();
        parsed.View.Kind.Should().Be(kind);
        parsed.View.Url.Known().Should().Be(url);
        if (url is not null) parsed.View.Url!.Evidence.Location.Should().Be("clusters/home/sources.yaml:5 (spec.url)");
        var r = parsed.View.Ref;
        (r is null ? "-" : r.Branch is { } b ? $"branch {b}" : r.Tag is { } t ? $"tag {t}" : $"semver {r.Semver}").Should().Be(revision);
    }

    [Fact]
    public void An_ExternalArtifact_is_a_source_with_no_URL()
    {
        var parsed = Parse("source.extensions.fluxcd.io/v1beta1", "ExternalArtifact", "  sourceRef: {kind: ArtifactGenerator, name: infra}\n");

        parsed.IsWellFormed.Should().BeTrue();
        parsed.View.Kind.Should().Be("ExternalArtifact");
        parsed.View.Url.Should().BeNull();
    }

    [Fact]
    public void A_HelmChart_names_its_chart_and_version()
    {
        var chart = Parse("source.toolkit.fluxcd.io/v1", "HelmChart", "  chart: cilium\n  version: 1.16.x\n  sourceRef: {kind: HelmRepository, name: cilium}\n").View.Chart!;

        $"{chart.Chart} {chart.Version} @ {chart.Chart!.Evidence.Location}".Should().Be("cilium 1.16.x @ clusters/home/sources.yaml:5 (spec.chart)");
        chart.SourceRef!.Name.Should().Be("cilium");
    }

    [Theory]
    [InlineData("  url: {host: github.com}\n", "5 (spec.url): GitRepository flux-system/s: 'url' is a mapping, where Flux expects a string")]
    [InlineData("  ref: [main]\n", "5 (spec.ref): GitRepository flux-system/s: 'ref' is a list, where Flux expects a mapping")]
    [InlineData("  ref:\n    branch: [main]\n", "6 (spec.ref.branch): GitRepository flux-system/s: 'branch' is a list, where Flux expects a string")]
    public void A_field_of_the_wrong_shape_is_a_typed_error_at_its_line(string spec, string expected)
    {
        var parsed = Parse("source.toolkit.fluxcd.io/v1", "GitRepository", spec);

        parsed.Errors.Should().ContainSingle().Which.ToString().Should().Be($"{File}:{expected}");
        parsed.View.Url.Known().Should().BeNull();
    }

    [Fact]
    public void An_ArtifactGenerator_is_not_a_source()
    {
        var generator = FluxYaml.Object(File, "apiVersion: source.extensions.fluxcd.io/v1beta1\nkind: ArtifactGenerator\nmetadata: {name: g}\n");

        FluxSource.Is(generator).Should().BeFalse();
        FluxArtifactGenerator.Is(generator).Should().BeTrue();
    }
}
