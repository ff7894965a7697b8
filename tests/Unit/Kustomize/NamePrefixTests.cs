using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Kustomize;
using Homelab.Conformance.Tests.Flux;

namespace Homelab.Conformance.Tests.Kustomize;

/// <summary>
/// namePrefix and nameSuffix, across a base and an overlay. The expected output is what
/// <c>kubectl kustomize overlay</c> (kustomize v5.5.0) printed for the same files.
/// </summary>
public sealed class NamePrefixTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private List<KubeObject> BuildOverlay()
    {
        _repo.Write("base/kustomization.yaml", """
                namePrefix: lab-
                resources: [deploy.yaml, ns.yaml, release.yaml]
                configMapGenerator:
                  - name: settings
                    literals: [MODE=prod]
                """)
            .Write("base/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n")
            .Write("base/deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: nginx
                          envFrom:
                            - configMapRef: {name: settings}
                """)
            .Write("base/release.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: web}
                spec:
                  dependsOn:
                    - name: db
                  valuesFrom:
                    - kind: ConfigMap
                      name: settings
                """)
            .Write("overlay/kustomization.yaml", """
                nameSuffix: -v2
                resources: [../base]
                patches:
                  - target: {kind: Deployment, name: web}
                    patch: |
                      - op: add
                        path: /metadata/labels
                        value: {patched: "yes"}
                """);
        var (repo, log) = _repo.Open();
        var objects = new KustomizeBuilder(repo, log).Build("overlay", new RepoEvidence("overlay", 1, 1, ""));
        log.Problems.Should().BeEmpty();
        return objects;
    }

    [Fact]
    public void Names_take_every_prefix_and_suffix_but_a_Namespace_keeps_its_own()
    {
        var objects = BuildOverlay();

        objects.Select(o => $"{o.Kind}/{o.Name}").Should().BeEquivalentTo(
            "Namespace/apps", "ConfigMap/lab-settings-v2-2h42td9ggm", "Deployment/lab-web-v2", "HelmRelease/lab-web-v2");
        objects.Single(o => o.Kind == "Deployment").OriginalName.Should().Be("web");
    }

    [Fact]
    public void A_patch_may_name_the_declared_name()
    {
        var deployment = BuildOverlay().Single(o => o.Kind == "Deployment");

        deployment.Root.Text("metadata.labels.patched").Should().Be("yes");
    }

    [Fact]
    public void Known_references_follow_and_Flux_references_keep_the_declared_name()
    {
        var objects = BuildOverlay();

        objects.Single(o => o.Kind == "Deployment").Root.Text("spec.template.spec.containers[0].envFrom[0].configMapRef.name")
            .Should().Be("lab-settings-v2-2h42td9ggm");
        var release = objects.Single(o => o.Kind == "HelmRelease").Root;
        release.Text("spec.valuesFrom[0].name").Should().Be("settings");
        release.Text("spec.dependsOn[0].name").Should().Be("db");
    }

    [Theory]
    [InlineData(true, "flux-web", "Flux's prefix replaces the kustomization's own")]
    [InlineData(false, "flux-web", "a folder without a kustomization takes Flux's prefix too")]
    public void A_Flux_Kustomization_s_namePrefix_is_the_build_s(bool withKustomization, string expected, string because)
    {
        _repo.Write("app/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n");
        if (withKustomization) _repo.Write("app/kustomization.yaml", "namePrefix: lab-\nresources: [deploy.yaml]\n");
        var flux = FluxYaml.Kustomization("flux.yaml", "namePrefix: flux-\npath: ./app\n");
        var (repo, log) = _repo.Open();

        var objects = new KustomizeBuilder(repo, log).Build("app", new RepoEvidence("flux.yaml", 2, 7, "path"), flux);

        objects.Should().ContainSingle().Which.Name.Should().Be(expected, because);
    }
}
