using Homelab.Conformance.Documents;
using Homelab.Conformance.Sources.Flux;

namespace Homelab.Conformance.Tests.Flux;

public sealed class FluxKustomizationTests
{
    private const string File = "clusters/home/apps.yaml";

    /// <summary>A Kustomization flux-system/apps whose spec starts on line 7.</summary>
    private static KubeObject Apps(string spec) => FluxYaml.Object(File, $"""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: apps
          namespace: flux-system
        spec:
        {spec}
        """);

    private const string WellFormed = """
          path: ./apps
          sourceRef:
            kind: GitRepository
            name: flux-system
          dependsOn:
            - name: infra
            - name: db
              namespace: data
          targetNamespace: web
          prune: true
          suspend: false
          postBuild:
            substitute:
              DOMAIN: example.com
            substituteFrom:
              - kind: Secret
                name: cluster-secrets
                optional: true
              - name: cluster-settings
          patches:
            - target: {kind: ConfigMap}
              patch: "[]"
          components: [../components/a]
          namePrefix: lab-
          nameSuffix: -1
        """;

    [Fact]
    public void Every_field_is_read_with_the_place_it_is_written()
    {
        var parsed = FluxKustomization.Parse(Apps(WellFormed));

        parsed.IsWellFormed.Should().BeTrue();
        var ks = parsed.View;
        ks.Id.ToString().Should().Be("Kustomization flux-system/apps");
        $"{ks.Path} @ {ks.Path!.Evidence.Location}".Should().Be("./apps @ clusters/home/apps.yaml:7 (spec.path)");
        ks.SourceRef.Should().Be(new FluxObjectRef("GitRepository", "flux-system", null, ks.SourceRef!.At));
        ks.SourceRef.At.Location.Should().Be("clusters/home/apps.yaml:9 (spec.sourceRef)");
        ks.DependsOn.Select(d => $"{d.Name} {d.Namespace ?? "-"} @ {d.At.Location}").Should().Equal(
            "infra - @ clusters/home/apps.yaml:12 (spec.dependsOn[0])",
            "db data @ clusters/home/apps.yaml:13 (spec.dependsOn[1])");
        ks.TargetNamespace!.Value.Should().Be("web");
        ks.TargetNamespace.Origin.Location.Should().Be("clusters/home/apps.yaml:15 (spec.targetNamespace)");
        ks.Prune!.Value.Should().BeTrue();
        ks.Suspend!.Value.Should().BeFalse();
        ks.Suspend.Evidence.Location.Should().Be("clusters/home/apps.yaml:17 (spec.suspend)");
        ks.Substitute.Select(v => $"{v.Key}={v.Value.Value} @ {v.Value.Origin.Location}").Should().Equal(
            "DOMAIN=example.com @ clusters/home/apps.yaml:20 (spec.postBuild.substitute.DOMAIN)");
        ks.SubstituteFrom.Select(s => $"{s.Kind ?? "-"} {s.Name} {s.Optional} @ {s.At.Location}").Should().Equal(
            "Secret cluster-secrets True @ clusters/home/apps.yaml:22 (spec.postBuild.substituteFrom[0])",
            "- cluster-settings False @ clusters/home/apps.yaml:25 (spec.postBuild.substituteFrom[1])");
        ks.Patches.Should().ContainSingle().Which.Origin.Location.Should().Be("clusters/home/apps.yaml:27 (spec.patches[0])");
        ks.Components.Select(c => c.Value).Should().Equal("../components/a");
        ks.NamePrefix!.Value.Should().Be("lab-");
        ks.NameSuffix!.Value.Should().Be("-1");
    }

    [Fact]
    public void Fields_not_written_are_absent()
    {
        var ks = FluxKustomization.Parse(Apps("  interval: 10m\n")).View;

        ks.Path.Should().BeNull("Flux then builds the source's root; the walker says so");
        ks.SourceRef.Should().BeNull();
        ks.TargetNamespace.Should().BeNull();
        ks.Suspend.Should().BeNull();
        ks.DependsOn.Should().BeEmpty();
        ks.Substitute.Should().BeEmpty();
        ks.SubstituteFrom.Should().BeEmpty();
        ks.Patches.Should().BeEmpty();
        ks.Components.Should().BeEmpty();
    }

    [Theory]
    [InlineData("sourceRef: flux-system", "7 (spec.sourceRef): Kustomization flux-system/apps: 'sourceRef' is a string, where Flux expects a mapping")]
    [InlineData("dependsOn: {name: infra}", "7 (spec.dependsOn): Kustomization flux-system/apps: 'dependsOn' is a mapping, where Flux expects a list")]
    [InlineData("dependsOn: [infra]", "7 (spec.dependsOn[0]): Kustomization flux-system/apps: an item of 'dependsOn' is a string, where Flux expects a mapping")]
    [InlineData("dependsOn:\n    - name: [infra]", "8 (spec.dependsOn[0].name): Kustomization flux-system/apps: 'name' is a list, where Flux expects a string")]
    [InlineData("path: {dir: apps}", "7 (spec.path): Kustomization flux-system/apps: 'path' is a mapping, where Flux expects a string")]
    [InlineData("targetNamespace: [web]", "7 (spec.targetNamespace): Kustomization flux-system/apps: 'targetNamespace' is a list, where Flux expects a string")]
    [InlineData("suspend: maybe", "7 (spec.suspend): Kustomization flux-system/apps: 'suspend' is a string, where Flux expects true or false")]
    [InlineData("prune: {a: 1}", "7 (spec.prune): Kustomization flux-system/apps: 'prune' is a mapping, where Flux expects true or false")]
    [InlineData("postBuild: [a]", "7 (spec.postBuild): Kustomization flux-system/apps: 'postBuild' is a list, where Flux expects a mapping")]
    [InlineData("postBuild:\n    substitute:\n      DOMAIN: [a]", "9 (spec.postBuild.substitute.DOMAIN): Kustomization flux-system/apps: 'substitute.DOMAIN' is a list, where Flux expects a string")]
    [InlineData("postBuild:\n    substituteFrom:\n      - {name: s, optional: perhaps}", "9 (spec.postBuild.substituteFrom[0].optional): Kustomization flux-system/apps: 'optional' is a string, where Flux expects true or false")]
    [InlineData("patches: {patch: x}", "7 (spec.patches): Kustomization flux-system/apps: 'patches' is a mapping, where Flux expects a list")]
    [InlineData("components: [{path: a}]", "7 (spec.components[0]): Kustomization flux-system/apps: an item of 'components' is a mapping, where Flux expects a string")]
    [InlineData("namePrefix: [lab]", "7 (spec.namePrefix): Kustomization flux-system/apps: 'namePrefix' is a list, where Flux expects a string")]
    public void A_field_of_the_wrong_shape_is_a_typed_error_at_its_line(string spec, string expected)
    {
        var parsed = FluxKustomization.Parse(Apps("  " + spec));

        parsed.IsWellFormed.Should().BeFalse();
        parsed.Errors.Should().ContainSingle().Which.ToString().Should().Be($"{File}:{expected}");
    }

    [Fact]
    public void A_malformed_field_leaves_the_others_and_a_malformed_path_is_unknown_not_the_root()
    {
        var parsed = FluxKustomization.Parse(Apps("  path: {dir: apps}\n  sourceRef: flux-system\n  targetNamespace: web\n"));

        parsed.Errors.Select(e => e.At.Location).Should().Equal("clusters/home/apps.yaml:7 (spec.path)", "clusters/home/apps.yaml:8 (spec.sourceRef)");
        parsed.View.Path!.IsKnown.Should().BeFalse("a path that is not a string says nothing of what Flux builds");
        parsed.View.SourceRef.Should().BeNull();
        parsed.View.TargetNamespace!.Value.Should().Be("web");
    }

    [Fact]
    public void A_spec_that_is_not_a_mapping_is_an_error_and_read_as_empty()
    {
        var parsed = FluxKustomization.Parse(FluxYaml.Object(File, "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps}\nspec: [a]\n"));

        parsed.Errors.Should().ContainSingle().Which.ToString().Should().Be(
            "clusters/home/apps.yaml:4 (spec): Kustomization/apps: 'spec' is a list, where Flux expects a mapping");
        parsed.View.Path.Should().BeNull();
    }

    [Fact]
    public void A_value_not_known_offline_stays_unknown_without_an_error()
    {
        var parsed = FluxKustomization.Parse(Apps("  path: ENC[AES256_GCM,data:eA==,type:str]\n  suspend: ENC[AES256_GCM,data:eA==,type:bool]\n"));

        parsed.IsWellFormed.Should().BeTrue();
        parsed.View.Path!.Unknown.Should().Be(ScalarNode.EncryptedValue);
        parsed.View.Suspend!.IsKnown.Should().BeFalse();
    }

    [Fact]
    public void Each_object_is_parsed_once_however_many_readers_ask()
    {
        var apps = Apps(WellFormed);

        FluxKustomization.Parse(apps).Should().BeSameAs(FluxKustomization.Parse(apps));
    }

    [Fact]
    public void Only_a_Flux_Kustomization_is_read_as_one()
    {
        var config = FluxYaml.Object("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata: {name: k}\n");

        FluxKustomization.Is(config).Should().BeFalse("kustomize's own Kustomization is another kind");
        FluentActions.Invoking(() => FluxKustomization.Parse(config)).Should().Throw<ArgumentException>();
    }
}
