using Homelab.Conformance.Sources.Flux;

namespace Homelab.Conformance.Tests.Flux;

public sealed class FluxArtifactGeneratorTests
{
    private const string File = "clusters/home/generator.yaml";

    /// <summary>An ArtifactGenerator flux-system/infra whose spec starts on line 7.</summary>
    private static FluxParseResult<FluxArtifactGenerator> Parse(string spec) => FluxArtifactGenerator.Parse(FluxYaml.Object(File, $"""
        apiVersion: source.extensions.fluxcd.io/v1beta1
        kind: ArtifactGenerator
        metadata:
          name: infra
          namespace: flux-system
        spec:
        {spec}
        """));

    [Fact]
    public void Sources_and_artifacts_are_read_with_their_copies()
    {
        var parsed = Parse("""
              sources:
                - alias: repo
                  kind: GitRepository
                  name: flux-system
              artifacts:
                - name: infra-controllers
                  copy:
                    - from: "@repo/infrastructure/controllers/**"
                      to: "@artifact/"
            """);

        parsed.IsWellFormed.Should().BeTrue();
        var input = parsed.View.Sources.Should().ContainSingle().Subject;
        input.Alias.Should().Be("repo");
        input.Source.Should().Be(new FluxObjectRef("GitRepository", "flux-system", null, input.Source.At));
        input.Source.At.Location.Should().Be("clusters/home/generator.yaml:8 (spec.sources[0])");
        var artifact = parsed.View.Artifacts.Should().ContainSingle().Subject;
        artifact.Name.Should().Be("infra-controllers");
        artifact.Copies.Select(c => $"{c.From} -> {c.To} @ {c.At.Location}").Should().Equal(
            "@repo/infrastructure/controllers/** -> @artifact/ @ clusters/home/generator.yaml:14 (spec.artifacts[0].copy[0])");
    }

    [Theory]
    [InlineData("sources: [repo]", "7 (spec.sources[0]): ArtifactGenerator flux-system/infra: an item of 'sources' is a string, where Flux expects a mapping")]
    [InlineData("artifacts: {name: a}", "7 (spec.artifacts): ArtifactGenerator flux-system/infra: 'artifacts' is a mapping, where Flux expects a list")]
    [InlineData("artifacts:\n    - name: a\n      copy: {from: x}", "9 (spec.artifacts[0].copy): ArtifactGenerator flux-system/infra: 'copy' is a mapping, where Flux expects a list")]
    [InlineData("artifacts:\n    - name: a\n      copy:\n        - from: [x]", "10 (spec.artifacts[0].copy[0].from): ArtifactGenerator flux-system/infra: 'from' is a list, where Flux expects a string")]
    public void A_field_of_the_wrong_shape_is_a_typed_error_at_its_line(string spec, string expected)
    {
        Parse("  " + spec).Errors.Should().ContainSingle().Which.ToString().Should().Be($"{File}:{expected}");
    }
}
