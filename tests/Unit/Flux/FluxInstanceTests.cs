using Homelab.Conformance.Sources.Flux;

namespace Homelab.Conformance.Tests.Flux;

public sealed class FluxInstanceTests
{
    private const string File = "flux/instance.yaml";

    private static FluxParseResult<FluxInstance> Parse(string spec) =>
        FluxInstance.Parse(FluxYaml.Object(File, $"apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: {{name: flux, namespace: flux-system}}\nspec:\n{spec}"));

    [Fact]
    public void The_sync_is_read_with_its_place()
    {
        var parsed = Parse("  sync:\n    kind: GitRepository\n    url: https://github.com/me/homelab.git\n    ref: refs/heads/main\n    path: ./clusters/home\n");

        parsed.IsWellFormed.Should().BeTrue();
        var sync = parsed.View.Sync!;
        (sync.Kind, sync.Url.Known(), sync.Ref).Should().Be(("GitRepository", "https://github.com/me/homelab.git", "refs/heads/main"));
        $"{sync.Path} @ {sync.Path!.Evidence.Location}".Should().Be("./clusters/home @ flux/instance.yaml:9 (spec.sync.path)");
        sync.At.Location.Should().Be("flux/instance.yaml:6 (spec.sync)");
    }

    [Fact]
    public void An_instance_without_sync_has_none()
    {
        Parse("  distribution: {version: 2.x}\n").View.Sync.Should().BeNull();
    }

    [Theory]
    [InlineData("  sync: [a]\n", "5 (spec.sync): FluxInstance flux-system/flux: 'sync' is a list, where Flux expects a mapping")]
    [InlineData("  sync:\n    path: [a]\n", "6 (spec.sync.path): FluxInstance flux-system/flux: 'path' is a list, where Flux expects a string")]
    [InlineData("  sync:\n    url: {a: b}\n", "6 (spec.sync.url): FluxInstance flux-system/flux: 'url' is a mapping, where Flux expects a string")]
    public void A_field_of_the_wrong_shape_is_a_typed_error_at_its_line(string spec, string expected)
    {
        Parse(spec).Errors.Should().ContainSingle().Which.ToString().Should().Be($"{File}:{expected}");
    }
}
