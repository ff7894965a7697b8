using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Kustomize;
using Homelab.Conformance.Tests.Flux;

namespace Homelab.Conformance.Tests.Kustomize;

/// <summary>
/// Generated names and the references that follow them. Every expected name here is what
/// <c>kubectl kustomize</c> (kustomize v5.5.0) printed for the same files.
/// </summary>
public sealed class HashSuffixTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private const string Kustomization = """
        namespace: apps
        resources: [deploy.yaml, release.yaml]
        configMapGenerator:
          - name: settings
            literals: [MODE=prod, "MARKUP=<b>&amp;</b>"]
          - name: plain
            literals: [A=1]
            options:
              disableNameSuffixHash: true
        secretGenerator:
          - name: creds
            literals: [token=s3cr3t]

        """;

    /// <summary>The configuration Flux's docs give for HelmRelease valuesFrom.</summary>
    internal const string NameReference = """
        nameReference:
          - kind: ConfigMap
            version: v1
            fieldSpecs:
              - path: spec/valuesFrom/name
                kind: HelmRelease
        """;

    private (List<KubeObject> Objects, IReadOnlyList<InputProblem> Problems) Build(string kustomization)
    {
        _repo.Write("app/kustomization.yaml", kustomization)
            .Write("app/kustomizeconfig.yaml", NameReference)
            .Write("app/deploy.yaml", """
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
                          env:
                            - name: TOKEN
                              valueFrom:
                                secretKeyRef: {name: creds, key: token}
                      volumes:
                        - name: cfg
                          configMap: {name: settings}
                """)
            .Write("app/release.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: web}
                spec:
                  valuesFrom:
                    - kind: ConfigMap
                      name: settings
                    - kind: Secret
                      name: creds
                """);
        var (repo, log) = _repo.Open();
        var objects = new KustomizeBuilder(repo, log).Build("app", new RepoEvidence("app", 1, 1, ""));
        return (objects, log.Problems);
    }

    private static KubeObject One(List<KubeObject> objects, string kind) => objects.Single(o => o.Kind == kind);

    [Fact]
    public void Generated_names_carry_kustomize_s_content_hash()
    {
        var (objects, problems) = Build(Kustomization);

        problems.Should().BeEmpty();
        objects.Where(o => o.Kind is "ConfigMap" or "Secret").Select(o => o.Name)
            .Should().BeEquivalentTo("settings-8m585g4ggf", "plain", "creds-ckd59g56hk");
        objects.Single(o => o.Name == "settings-8m585g4ggf").OriginalName.Should().Be("settings");
        objects.Single(o => o.Name == "plain").OriginalName.Should().BeNull("disableNameSuffixHash keeps the name");
        One(objects, "Secret").Root.Text("data.token").Should().BeNull("the value is withheld once the hash is taken");
    }

    [Fact]
    public void Pod_spec_references_follow_the_new_names()
    {
        var pod = One(Build(Kustomization).Objects, "Deployment").Root.Map("spec.template.spec")!;

        pod.Text("containers[0].envFrom[0].configMapRef.name").Should().Be("settings-8m585g4ggf");
        pod.Text("containers[0].env[0].valueFrom.secretKeyRef.name").Should().Be("creds-ckd59g56hk");
        pod.Text("volumes[0].configMap.name").Should().Be("settings-8m585g4ggf");
    }

    [Fact]
    public void A_HelmRelease_valuesFrom_keeps_the_old_name_unless_a_configuration_names_the_field()
    {
        var release = One(Build(Kustomization).Objects, "HelmRelease").Root;

        release.Text("spec.valuesFrom[0].name").Should().Be("settings");
        release.Text("spec.valuesFrom[1].name").Should().Be("creds");
    }

    [Fact]
    public void A_nameReference_configuration_renames_that_field_for_its_kind_only()
    {
        var (objects, problems) = Build(Kustomization + "configurations: [kustomizeconfig.yaml]\n");

        problems.Should().BeEmpty();
        var release = One(objects, "HelmRelease").Root;
        release.Text("spec.valuesFrom[0].name").Should().Be("settings-8m585g4ggf");
        release.Text("spec.valuesFrom[1].name").Should().Be("creds", "the configuration names ConfigMaps, not Secrets");
    }

    [Fact]
    public void A_missing_configuration_file_is_a_problem_at_its_entry()
    {
        var (_, problems) = Build(Kustomization + "configurations: [absent.yaml]\n");

        problems.Should().ContainSingle().Which.Should().Match<InputProblem>(p =>
            p.Where == new RepoEvidence("app/kustomization.yaml", 13, 18, "configurations[0]") && p.Cause == "configuration 'absent.yaml' does not exist");
    }

    [Fact]
    public void A_generated_value_not_known_offline_keeps_the_name_with_a_warning()
    {
        _repo.Write("app/secret.env", "token=ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\n");
        var (objects, problems) = Build("""
            resources: [deploy.yaml]
            configMapGenerator:
              - name: settings
                envs: [secret.env]
            """);

        One(objects, "ConfigMap").Name.Should().Be("settings");
        problems.Should().ContainSingle(p => p.Severity == Severity.Warning && p.Cause.Contains("hash suffix of generated ConfigMap/settings cannot be computed"));
    }

    [Fact]
    public void A_Flux_targetNamespace_comes_before_the_names_so_configured_references_still_follow()
    {
        _repo.Write("app/kustomization.yaml", """
                resources: [release.yaml]
                configurations: [kustomizeconfig.yaml]
                configMapGenerator:
                  - name: values
                    literals: [A=1]
                """)
            .Write("app/kustomizeconfig.yaml", NameReference)
            .Write("app/release.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: web, namespace: monitoring}
                spec:
                  valuesFrom:
                    - kind: ConfigMap
                      name: values
                """);
        var flux = FluxYaml.Kustomization("flux.yaml", "targetNamespace: monitoring\n");
        var (repo, log) = _repo.Open();

        var objects = new KustomizeBuilder(repo, log).Build("app", new RepoEvidence("flux.yaml", 1, 1, ""), flux);

        var values = One(objects, "ConfigMap");
        values.Namespace.Should().Be("monitoring");
        One(objects, "HelmRelease").Root.Text("spec.valuesFrom[0].name").Should().Be(values.Name).And.StartWith("values-");
    }
}
