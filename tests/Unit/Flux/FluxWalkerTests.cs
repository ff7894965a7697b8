using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Git.Flux;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Tests.Flux;

public sealed class FluxWalkerTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private const string GotkSync = """
        ---
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: flux-system
          namespace: flux-system
        spec:
          url: ssh://git@github.com/me/homelab
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: flux-system
          namespace: flux-system
        spec:
          path: ./clusters/home
          sourceRef:
            kind: GitRepository
            name: flux-system
        """;

    private static string Kustomization(string name, string spec) => $"""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: {name}
          namespace: flux-system
        spec:
        {spec}
        """;

    /// <summary>A cluster synced by gotk-sync.yaml, with one app Kustomization (apps.yaml, spec on line 7 on).</summary>
    private TempRepo Cluster(string appsSpec) => _repo
        .Write("clusters/home/flux-system/gotk-sync.yaml", GotkSync)
        .Write("clusters/home/flux-system/kustomization.yaml", "resources: [gotk-sync.yaml]\n")
        .Write("clusters/home/apps.yaml", Kustomization("apps", appsSpec));

    private (RenderedRepo Rendered, IReadOnlyList<InputProblem> Problems) Walk(string? entry = null)
    {
        var (repo, log) = _repo.Open();
        var index = new RepoIndex(repo);
        var walker = new FluxWalker(repo, index, new KustomizeBuilder(repo, log), log);
        var rendered = entry is null ? walker.Walk(FluxEntries.Find(index, log).SingleOrDefault()) : walker.Walk(entry);
        return (rendered, log.Problems);
    }

    private const string AppConfig = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web-config
        data:
          host: app.${DOMAIN}
          pool: ${LB_POOL}
          region: ${REGION:=eu-west}
          zone: ${ZONE:-a}
          literal: $${NOT_A_VAR}
          password: ${DB_PASSWORD}
          plain: no variables here
        """;

    private void SubstitutionCluster() => Cluster("""
              path: ./apps
              sourceRef:
                kind: GitRepository
                name: flux-system
              targetNamespace: web
              postBuild:
                substitute:
                  DOMAIN: example.com
                substituteFrom:
                  - kind: ConfigMap
                    name: cluster-settings
                  - kind: Secret
                    name: cluster-secrets
            """)
        .Write("clusters/home/settings.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cluster-settings
              namespace: flux-system
            data:
              LB_POOL: 10.0.0.0/24
              REGION: us-east
            """)
        .Write("clusters/home/secrets.sops.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: cluster-secrets
              namespace: flux-system
            data:
              DB_PASSWORD: ENC[AES256_GCM,data:aHVudGVyMg==,iv:eA==,tag:eA==,type:str]
            sops:
              mac: ENC[AES256_GCM,data:eA==,type:str]
              encrypted_regex: ^(data|stringData)$
            """)
        .Write("apps/config.yaml", AppConfig)
        .Write("apps/role.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\n");

    [Fact]
    public void The_entry_is_the_flux_system_Kustomization_of_gotk_sync()
    {
        Cluster("  path: ./apps\n  sourceRef: {kind: GitRepository, name: flux-system}\n")
            .Write("apps/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app, namespace: web}\n");

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty();
        rendered.Kustomizations.Select(k => (k.Object.Name, k.RepoPath, k.PathExists?.Value)).Should().Equal(
            ("flux-system", "clusters/home", true),
            ("apps", "apps", true));
        var apps = rendered.Kustomizations[1];
        apps.Path!.Value.Should().Be("./apps");
        apps.PathExists!.Evidence.Should().Be(new RepoEvidence("clusters/home/apps.yaml", 7, 9, "spec.path"));
        rendered.Find("ConfigMap", "web", "app")!.Origin.Should().Be(new RepoEvidence("apps/cm.yaml", 1, 1, ""));
    }

    [Fact]
    public void The_entry_is_a_FluxInstance_s_sync_path()
    {
        _repo.Write("flux/instance.yaml", """
                apiVersion: fluxcd.controlplane.io/v1
                kind: FluxInstance
                metadata: {name: flux, namespace: flux-system}
                spec:
                  sync:
                    kind: GitRepository
                    url: https://github.com/me/homelab.git
                    path: ./clusters/home
                """)
            .Write("clusters/home/apps.yaml", Kustomization("apps", "  path: ./apps\n  sourceRef: {kind: GitRepository, name: flux-system}\n"))
            .Write("apps/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app, namespace: web}\n");

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty();
        // The operator makes the sync source and Kustomization, named after the namespace, in the cluster.
        rendered.Objects.Select(o => o.Ref.ToString()).Should().Equal(
            "GitRepository flux-system/flux-system", "Kustomization flux-system/flux-system", "Kustomization flux-system/apps", "ConfigMap web/app");
        rendered.Objects[0].Origin.Should().Be(new RepoEvidence("flux/instance.yaml", 6, 5, "spec.sync"));
        rendered.Kustomizations.Select(k => k.RepoPath).Should().Equal("clusters/home", "apps");
    }

    [Fact]
    public void An_explicit_entry_folder_is_applied_directly()
    {
        _repo.Write("clusters/home/apps.yaml", Kustomization("apps", "  path: ./apps\n  sourceRef: {kind: GitRepository, name: flux-system}\n"))
            .Write("apps/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app, namespace: web}\n");

        var (rendered, problems) = Walk("/clusters/home/");

        problems.Should().BeEmpty();
        rendered.Kustomizations.Should().ContainSingle().Which.PathExists!.Value.Should().BeTrue();
        rendered.Find("ConfigMap", "web", "app").Should().NotBeNull();
    }

    [Fact]
    public void A_missing_entry_folder_and_a_repo_without_entry_are_problems()
    {
        _repo.Write("apps/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n");

        Walk("clusters/nope").Problems.Should().ContainSingle().Which.ToString()
            .Should().Be("clusters/nope:1: entry folder 'clusters/nope' does not exist");
        Walk().Problems.Should().ContainSingle().Which.Cause
            .Should().Be("no Flux entry found: no flux-system Kustomization (gotk-sync.yaml), no FluxInstance and no flux-instance HelmRelease; pass the cluster folder with --entry");
    }

    [Fact]
    public void A_Kustomization_whose_path_is_missing_is_reached_with_PathExists_false()
    {
        Cluster("  path: ./does-not-exist\n  sourceRef: {kind: GitRepository, name: flux-system}\n");

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty("a missing path is HL-GIT-001's finding, from PathExists");
        var apps = rendered.Kustomizations.Single(k => k.Object.Name == "apps");
        apps.RepoPath.Should().Be("does-not-exist");
        apps.Path!.Value.Should().Be("./does-not-exist");
        apps.PathExists!.Value.Should().BeFalse();
        apps.PathExists.Evidence.Should().Be(new RepoEvidence("clusters/home/apps.yaml", 7, 9, "spec.path"));
    }

    [Fact]
    public void A_Kustomization_path_leaving_the_repo_is_a_problem_at_its_line()
    {
        Cluster("  path: ../../etc\n  sourceRef: {kind: GitRepository, name: flux-system}\n");

        var (rendered, problems) = Walk();

        var apps = rendered.Kustomizations.Single(k => k.Object.Name == "apps");
        apps.RepoPath.Should().BeNull();
        apps.PathExists!.Value.Should().BeFalse();
        problems.Should().ContainSingle().Which.ToString()
            .Should().Be("clusters/home/apps.yaml:7 (spec.path): '../../etc' points outside the repository; it is not read");
    }

    [Fact]
    public void TargetNamespace_moves_namespaced_objects_only()
    {
        SubstitutionCluster();

        var (rendered, _) = Walk();

        var config = rendered.Objects.Single(o => o.Name == "web-config");
        config.Namespace.Should().Be("web");
        config.Root.At("metadata.namespace")!.Origin.Should().Be(new RepoEvidence("clusters/home/apps.yaml", 11, 20, "spec.targetNamespace"));
        rendered.Objects.Single(o => o.Name == "reader").Namespace.Should().BeNull();
    }

    [Fact]
    public void PostBuild_substitutes_variables_and_says_where_each_came_from()
    {
        SubstitutionCluster();

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty();
        var data = rendered.Find("ConfigMap", "web", "web-config")!.Root.Map("data")!;

        data.Text("host").Should().Be("app.example.com");
        data.At("host")!.Origin.Location.Should().Be(
            "apps/config.yaml:6 (data.host) via ${DOMAIN} from Kustomization flux-system/apps postBuild.substitute (clusters/home/apps.yaml:14 (spec.postBuild.substitute.DOMAIN))");
        data.Text("pool").Should().Be("10.0.0.0/24");
        data.At("pool")!.Origin.Location.Should().Be(
            "apps/config.yaml:7 (data.pool) via ${LB_POOL} from ConfigMap flux-system/cluster-settings (clusters/home/settings.yaml:7 (data.LB_POOL))");
        data.Text("region").Should().Be("us-east", "a defined variable wins over its default");
        data.Text("zone").Should().Be("a");
        data.At("zone")!.Origin.Location.Should().Be("apps/config.yaml:9 (data.zone) via ${ZONE} default");
        data.Text("literal").Should().Be("${NOT_A_VAR}", "$$ escapes a reference");
        data.Text("plain").Should().Be("no variables here");
        data.At("plain")!.Origin.Should().Be(new RepoEvidence("apps/config.yaml", 12, 10, "data.plain"));
    }

    [Fact]
    public void A_variable_from_a_SOPS_Secret_is_unknown_not_guessed()
    {
        SubstitutionCluster();

        var (rendered, _) = Walk();

        var password = rendered.Find("ConfigMap", "web", "web-config")!.Root.Scalar("data.password")!;
        password.IsKnown.Should().BeFalse();
        password.Unknown.Should().Be("${DB_PASSWORD} is encrypted (SOPS) (Secret flux-system/cluster-secrets)");
        password.Value.Should().Be("${DB_PASSWORD}");
    }

    [Fact]
    public void An_undefined_variable_is_a_problem_and_stays_unknown()
    {
        Cluster("""
              path: ./apps
              sourceRef: {kind: GitRepository, name: flux-system}
              postBuild:
                substitute: {DOMAIN: example.com}
            """)
            .Write("apps/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  url: https://${HOST}/\n");

        var (rendered, problems) = Walk();

        var url = rendered.Objects.Single(o => o.Name == "c");
        url.Root.Scalar("data.url")!.Unknown.Should().Be("${HOST} is not defined");
        problems.Should().ContainSingle().Which.ToString().Should().Be(
            "apps/config.yaml:5 (data.url): variable ${HOST} is set by no postBuild substitute or substituteFrom source; Flux would substitute an empty string");
    }

    [Fact]
    public void A_variable_that_may_come_from_an_absent_source_is_unknown_without_a_problem()
    {
        Cluster("""
              path: ./apps
              sourceRef: {kind: GitRepository, name: flux-system}
              postBuild:
                substituteFrom:
                  - kind: ConfigMap
                    name: made-by-another-controller
                  - kind: ConfigMap
                    name: optional-one
                    optional: true
            """)
            .Write("apps/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  url: https://${HOST}/\n");

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty();
        rendered.Objects.Single(o => o.Name == "c").Root.Scalar("data.url")!.Unknown
            .Should().Be("${HOST} may come from ConfigMap flux-system/made-by-another-controller (not in the repository), ConfigMap flux-system/optional-one (optional, not in the repository), which cannot be read offline");
    }

    [Fact]
    public void A_Secret_s_stringData_and_data_define_variables_whose_values_are_unknown()
    {
        Cluster("""
              path: ./apps
              sourceRef: {kind: GitRepository, name: flux-system}
              postBuild:
                substituteFrom:
                  - kind: Secret
                    name: cluster-secrets
            """)
            .Write("clusters/home/secrets.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: cluster-secrets, namespace: flux-system}\nstringData:\n  DOMAIN: ENC[AES256_GCM,data:aGk=,type:str]\ndata:\n  TOKEN: dG9rZW4=\n")
            .Write("apps/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  url: https://${DOMAIN}/\n  token: ${TOKEN}\n");

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty("both variables are defined, by a Secret whose values are not known offline");
        var data = rendered.Objects.Single(o => o.Name == "c").Root.Map("data")!;
        data.Scalar("url")!.Unknown.Should().StartWith("${DOMAIN} is ").And.Contain("(Secret flux-system/cluster-secrets)");
        data.Scalar("token")!.IsKnown.Should().BeFalse();
    }

    [Fact]
    public void A_webhook_that_adds_substitution_sources_to_every_Kustomization_makes_undefined_variables_unknown()
    {
        Cluster("""
              path: ./apps
              sourceRef: {kind: GitRepository, name: flux-system}
              postBuild:
                substitute:
                  APP: web
            """)
            .Write("apps/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  url: https://${DOMAIN}/${APP}\n")
            .Write("clusters/home/webhook.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: substitution-webhook, namespace: flux-system}
                spec:
                  chart:
                    spec: {chart: kustomize-mutating-webhook, sourceRef: {kind: HelmRepository, name: charts}}
                """);

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty("${DOMAIN} may come from what the webhook adds");
        rendered.Objects.Single(o => o.Name == "c").Root.Scalar("data.url")!.Unknown.Should().Be(
            "${DOMAIN} may come from the sources HelmRelease flux-system/substitution-webhook (a mutating webhook) adds to every Kustomization, which cannot be read offline");
    }

    [Fact]
    public void A_Flux_Kustomization_s_own_patches_apply_after_the_build()
    {
        Cluster("""
              path: ./apps
              sourceRef: {kind: GitRepository, name: flux-system}
              patches:
                - target: {kind: ConfigMap, name: c}
                  patch: |
                    - {op: add, path: /data/extra, value: "1"}
            """)
            .Write("apps/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: b\n");

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty();
        var extra = rendered.Objects.Single(o => o.Name == "c").Root.At("data.extra")!;
        ((ScalarNode)extra).Value.Should().Be("1");
        extra.Origin.Location.Should().Be("clusters/home/apps.yaml:12 ([0].value)");
    }

    [Fact]
    public void An_ExternalArtifact_from_an_ArtifactGenerator_reads_the_copied_repo_folder()
    {
        Cluster("""
              path: ./cilium
              sourceRef:
                kind: ExternalArtifact
                name: infra-controllers
            """)
            .Write("clusters/home/generator.yaml", """
                apiVersion: source.extensions.fluxcd.io/v1beta1
                kind: ArtifactGenerator
                metadata:
                  name: infra
                  namespace: flux-system
                spec:
                  sources:
                    - alias: repo
                      kind: GitRepository
                      name: flux-system
                  artifacts:
                    - name: infra-controllers
                      copy:
                        - from: "@repo/infrastructure/controllers/**"
                          to: "@artifact/"
                """)
            .Write("infrastructure/controllers/cilium/release.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cilium-values, namespace: kube-system}\n");

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty();
        var apps = rendered.Kustomizations.Single(k => k.Object.Name == "apps");
        apps.RepoPath.Should().Be("infrastructure/controllers/cilium");
        apps.PathExists!.Value.Should().BeTrue();
        rendered.Find("ConfigMap", "kube-system", "cilium-values").Should().NotBeNull();
    }

    [Fact]
    public void An_ExternalArtifact_path_two_copies_fill_is_not_read_and_says_why()
    {
        Cluster("""
              path: ./app
              sourceRef:
                kind: ExternalArtifact
                name: web
            """)
            .Write("clusters/home/generator.yaml", """
                apiVersion: source.extensions.fluxcd.io/v1beta1
                kind: ArtifactGenerator
                metadata:
                  name: web
                  namespace: flux-system
                spec:
                  sources:
                    - alias: repo
                      kind: GitRepository
                      name: flux-system
                  artifacts:
                    - name: web
                      copy:
                        - from: "@repo/apps/base/**"
                          to: "@artifact/app/"
                        - from: "@repo/apps/prod/**"
                          to: "@artifact/app/"
                """)
            .Write("apps/base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: base}\n");

        var (rendered, problems) = Walk();

        problems.Select(p => p.ToString()).Should().Equal(
            "clusters/home/apps.yaml:9 (spec.sourceRef): Kustomization flux-system/apps deploys from ExternalArtifact web: ExternalArtifact web composes 2 copies at 'app', more than one folder of this repository; its content is not read");
        rendered.Unread.Should().ContainSingle().Which.Why.Should().Contain("composes 2 copies");
        rendered.Find("ConfigMap", null, "base").Should().BeNull();
    }

    [Fact]
    public void A_Kustomization_from_another_GitRepository_is_a_warning_and_not_read()
    {
        Cluster("  path: ./deploy\n  sourceRef:\n    kind: GitRepository\n    name: vendor\n")
            .Write("clusters/home/vendor.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: vendor, namespace: flux-system}
                spec: {url: https://github.com/vendor/manifests}
                """)
            .Write("deploy/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: same-folder-name-here}\n");

        var (rendered, problems) = Walk();

        var apps = rendered.Kustomizations.Single(k => k.Object.Name == "apps");
        apps.RepoPath.Should().BeNull();
        apps.PathExists.Should().BeNull();
        rendered.Objects.Should().NotContain(o => o.Name == "same-folder-name-here");
        var warning = problems.Should().ContainSingle().Subject;
        warning.Severity.Should().Be(Severity.Warning);
        warning.ToString().Should().Be(
            "clusters/home/apps.yaml:9 (spec.sourceRef): Kustomization flux-system/apps deploys from GitRepository vendor, which is not this repository; its content is not read");
    }

    [Fact]
    public void Each_Kustomization_is_rendered_once_even_when_reached_twice()
    {
        Cluster("  path: ./clusters/home\n  sourceRef: {kind: GitRepository, name: flux-system}\n");

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty();
        rendered.Kustomizations.Select(k => k.Object.Name).Should().Equal("flux-system", "apps");
    }
}
