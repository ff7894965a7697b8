using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Tests.Kustomize;

public sealed class KustomizeBuilderTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {tier: front}
        spec:
          replicas: 1
          template:
            spec:
              containers:
                - name: app
                  image: nginx:1.0
                  ports: [{containerPort: 80}]
                - name: sidecar
                  image: envoy:1.0
        """;

    private (List<KubeObject> Objects, IReadOnlyList<InputProblem> Problems) Build(string dir)
    {
        var (repo, log) = _repo.Open();
        var objects = new KustomizeBuilder(repo, log).Build(dir, new RepoEvidence(dir, 1, 1, ""));
        return (objects, log.Problems);
    }

    private (List<KubeObject> Objects, IReadOnlyList<InputProblem> Problems) BuildClean(string dir)
    {
        var result = Build(dir);
        result.Problems.Should().BeEmpty();
        return result;
    }

    [Fact]
    public void Resources_are_files_and_folders_in_order_with_their_own_lines()
    {
        _repo.Write("base/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - deployment.yaml
                  - sub
                """)
            .Write("base/deployment.yaml", Deployment)
            .Write("base/sub/kustomization.yml", "resources: [cm.yaml]\n")
            .Write("base/sub/cm.yaml", "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n");

        var (objects, _) = BuildClean("base");

        objects.Select(o => o.Ref.ToString()).Should().Equal("Deployment/web", "ConfigMap/settings");
        objects[0].Root.At("metadata.name")!.Origin.Should().Be(new RepoEvidence("base/deployment.yaml", 4, 9, "metadata.name"));
        objects[1].Origin.Should().Be(new RepoEvidence("base/sub/cm.yaml", 2, 1, ""));
    }

    [Fact]
    public void Namespace_moves_namespaced_objects_and_is_evidenced_by_the_kustomization()
    {
        _repo.Write("app/kustomization.yaml", """
                namespace: web
                resources: [deployment.yaml, role.yaml]
                """)
            .Write("app/deployment.yaml", Deployment)
            .Write("app/role.yaml", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\n");

        var (objects, _) = BuildClean("app");

        objects[0].Namespace.Should().Be("web");
        objects[0].Root.At("metadata.namespace")!.Origin.Should().Be(new RepoEvidence("app/kustomization.yaml", 1, 12, "namespace"));
        objects[1].Namespace.Should().BeNull("ClusterRole is cluster-scoped");
    }

    [Fact]
    public void Components_add_resources_and_patch_what_came_before()
    {
        _repo.Write("app/kustomization.yaml", """
                resources: [deployment.yaml]
                components:
                  - ../components/monitoring
                """)
            .Write("app/deployment.yaml", Deployment)
            .Write("components/monitoring/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                resources: [monitor.yaml]
                patches:
                  - target: {kind: Deployment}
                    patch: |
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata:
                        name: any
                        annotations: {prometheus.io/scrape: "true"}
                """)
            .Write("components/monitoring/monitor.yaml", "apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata: {name: web}\n");

        var (objects, _) = BuildClean("app");

        objects.Select(o => o.Ref.ToString()).Should().Equal("Deployment/web", "PodMonitor/web");
        var annotation = objects[0].Root.Scalar("metadata.annotations[\"prometheus.io/scrape\"]")!;
        annotation.Value.Should().Be("true");
        annotation.Origin.Location.Should().Be("components/monitoring/kustomization.yaml:11 (metadata.annotations[\"prometheus.io/scrape\"])");
        objects[0].Name.Should().Be("web", "a targeted patch does not rename");
    }

    [Fact]
    public void A_component_without_a_kustomization_is_a_problem()
    {
        _repo.Write("app/kustomization.yaml", "resources: []\ncomponents: [../nothing]\n").Folder("nothing");

        var (_, problems) = Build("app");

        problems.Should().ContainSingle().Which.ToString().Should().Be("app/kustomization.yaml:2 (components[0]): component '../nothing' has no kustomization file");
    }

    [Fact]
    public void ConfigMapGenerator_reads_files_literals_and_env_files_with_their_places()
    {
        _repo.Write("app/kustomization.yaml", """
                configMapGenerator:
                  - name: app-values
                    namespace: web
                    literals:
                      - MODE=prod
                    files:
                      - values.yaml=helm/values.yaml
                      - extra.conf
                    envs:
                      - app.env
                """)
            .Write("app/helm/values.yaml", "replicas: 2\nimage:\n  tag: v1\n")
            .Write("app/extra.conf", "x=1\n")
            .Write("app/app.env", "# settings\n\nREGION=eu\nZONE=a=b\n");

        var (objects, _) = BuildClean("app");

        var cm = objects.Should().ContainSingle().Subject;
        cm.Ref.Should().Be(new ObjectRef("ConfigMap", "web", "app-values-hfd8d4dbf4"), "the name kubectl kustomize (kustomize v5.5.0) gives these files");
        cm.OriginalName.Should().Be("app-values");
        cm.GeneratedWithHashSuffix.Should().BeTrue();
        cm.Behavior.Should().Be("create");
        var data = cm.Root.Map("data")!;
        data.Keys.Should().Equal("MODE", "values.yaml", "extra.conf", "REGION", "ZONE");
        data.Text("MODE").Should().Be("prod");
        data.At("MODE")!.Origin.Should().Be(new RepoEvidence("app/kustomization.yaml", 5, 9, "configMapGenerator[0].literals[0]"));
        var values = data.Scalar("[\"values.yaml\"]")!;
        values.Value.Should().Be("replicas: 2\nimage:\n  tag: v1\n");
        values.Origin.Should().Be(new RepoEvidence("app/helm/values.yaml", 1, 1, ""));
        values.Content.Should().Be(new RepoEvidence("app/helm/values.yaml", 1, 1, ""));
        data.Text("[\"extra.conf\"]").Should().Be("x=1\n");
        data.Text("REGION").Should().Be("eu");
        data.At("REGION")!.Origin.Should().Be(new RepoEvidence("app/app.env", 3, 1, ""));
        data.Text("ZONE").Should().Be("a=b");
    }

    [Fact]
    public void A_values_file_turned_into_a_ConfigMap_parses_with_its_own_lines()
    {
        _repo.Write("app/kustomization.yaml", "configMapGenerator:\n  - name: v\n    files: [values.yaml]\n")
            .Write("app/values.yaml", "replicas: 2\nimage:\n  tag: v1\n");

        var (objects, _) = BuildClean("app");

        var (documents, problem) = Embedded.Parse(objects.Single().Root.Scalar("data[\"values.yaml\"]")!);
        problem.Should().BeNull();
        documents.Single().Root!.At("image.tag")!.Origin.Should().Be(new RepoEvidence("app/values.yaml", 3, 8, "image.tag"));
    }

    [Fact]
    public void A_generator_literal_without_equals_is_a_problem()
    {
        _repo.Write("app/kustomization.yaml", "configMapGenerator:\n  - name: c\n    literals: [JUSTTEXT]\n");

        var (objects, problems) = Build("app");

        objects.Single().Root.At("data").Should().BeNull("a generator with no values writes no data, as kustomize");
        problems.Should().ContainSingle().Which.ToString().Should().Be("app/kustomization.yaml:3 (configMapGenerator[0].literals[0]): expected KEY=VALUE");
    }

    [Fact]
    public void A_generator_file_outside_the_repo_is_refused()
    {
        _repo.Write("app/kustomization.yaml", "configMapGenerator:\n  - name: c\n    files: [../../../etc/passwd]\n");

        var (_, problems) = Build("app");

        problems.Should().ContainSingle().Which.ToString()
            .Should().Be("app/kustomization.yaml:3 (configMapGenerator[0].files[0]): '../../../etc/passwd' points outside the repository; it is not read");
    }

    [Fact]
    public void SecretGenerator_keeps_keys_and_places_but_withholds_every_value()
    {
        _repo.Write("app/kustomization.yaml", """
                secretGenerator:
                  - name: creds
                    literals: [password=hunter2]
                    files: [token.txt]
                    envs: [secret.env]
                """)
            .Write("app/token.txt", "s3cr3t-token")
            .Write("app/secret.env", "API_KEY=abc123\n");

        var (objects, _) = BuildClean("app");

        var secret = objects.Single();
        secret.Kind.Should().Be("Secret");
        var data = secret.Root.Map("data")!;
        data.Keys.Should().Equal("password", "token.txt", "API_KEY");
        foreach (var (_, value) in data.Entries)
        {
            var scalar = (ScalarNode)value;
            scalar.IsKnown.Should().BeFalse();
            scalar.Unknown.Should().Be(ScalarNode.WithheldValue);
            scalar.Value.Should().BeNull();
        }
        data.At("API_KEY")!.Origin.Should().Be(new RepoEvidence("app/secret.env", 1, 1, ""));
    }

    [Theory]
    [InlineData("generatorOptions: {disableNameSuffixHash: true}\nconfigMapGenerator:\n  - name: c\n    literals: [a=b]\n", false)]
    [InlineData("configMapGenerator:\n  - name: c\n    literals: [a=b]\n    options: {disableNameSuffixHash: true}\n", false)]
    [InlineData("generatorOptions: {disableNameSuffixHash: true}\nconfigMapGenerator:\n  - name: c\n    literals: [a=b]\n    options: {disableNameSuffixHash: false}\n", true)]
    [InlineData("configMapGenerator:\n  - name: c\n    literals: [a=b]\n", true)]
    public void The_hash_suffix_flag_follows_generator_options(string kustomization, bool hashed)
    {
        _repo.Write("app/kustomization.yaml", kustomization);
        BuildClean("app").Objects.Single().GeneratedWithHashSuffix.Should().Be(hashed);
    }

    [Theory]
    [InlineData("merge", new[] { "a", "b", "c" }, new[] { "1", "3", "4" })]
    [InlineData("replace", new[] { "b", "c" }, new[] { "3", "4" })]
    public void A_generator_merges_into_or_replaces_an_object_of_the_same_name(string behavior, string[] keys, string[] values)
    {
        _repo.Write("base/kustomization.yaml", "resources: [cm.yaml]\n")
            .Write("base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata:\n  a: \"1\"\n  b: \"2\"\n")
            .Write("overlay/kustomization.yaml", $"""
                resources: [../base]
                configMapGenerator:
                  - name: settings
                    behavior: {behavior}
                    literals: [b=3, c=4]
                """);

        var (objects, _) = BuildClean("overlay");

        var cm = objects.Should().ContainSingle().Subject;
        var data = cm.Root.Map("data")!;
        data.Keys.Should().Equal(keys);
        data.Entries.Select(e => ((ScalarNode)e.Value).Value).Should().Equal(values);
        data.At("b")!.Origin.Should().Be(new RepoEvidence("overlay/kustomization.yaml", 5, 16, "configMapGenerator[0].literals[0]"));
    }

    [Fact]
    public void A_targeted_inline_strategic_merge_patch_changes_the_object_with_the_patch_s_lines()
    {
        _repo.Write("app/kustomization.yaml", """
                resources: [deployment.yaml]
                patches:
                  - target:
                      kind: Deployment
                      name: web
                    patch: |
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata:
                        name: ignored
                      spec:
                        replicas: 3
                        template:
                          spec:
                            containers:
                              - name: app
                                image: nginx:2.0
                """)
            .Write("app/deployment.yaml", Deployment);

        var (objects, _) = BuildClean("app");

        var web = objects.Single();
        web.Name.Should().Be("web");
        web.Root.Text("spec.replicas").Should().Be("3");
        web.Root.At("spec.replicas")!.Origin.Location.Should().Be("app/kustomization.yaml:12 (spec.replicas)", "an inline patch's values point at its own lines");
        var containers = web.Root.List("spec.template.spec.containers")!.Items;
        containers.Select(c => c.Text("name")).Should().Equal("app", "sidecar");
        containers[0].Text("image").Should().Be("nginx:2.0");
        containers[0].At("image")!.Origin.Location.Should().Be("app/kustomization.yaml:17 (spec.template.spec.containers[0].image)");
        containers[0].Text("ports[0].containerPort").Should().Be("80", "containers merge by name, keeping what the patch does not set");
        containers[0].At("ports")!.Origin.Should().Be(new RepoEvidence("app/deployment.yaml", 13, 18, "spec.template.spec.containers[0].ports"));
    }

    [Fact]
    public void A_JSON6902_patch_file_with_a_target_applies_its_operations()
    {
        _repo.Write("app/kustomization.yaml", """
                resources: [deployment.yaml]
                patches:
                  - path: replicas.yaml
                    target: {group: apps, version: v1, kind: Deployment, name: "w.*"}
                """)
            .Write("app/deployment.yaml", Deployment)
            .Write("app/replicas.yaml", """
                - op: replace
                  path: /spec/replicas
                  value: 5
                - op: add
                  path: /spec/template/spec/containers/-
                  value: {name: extra, image: busybox}
                - op: remove
                  path: /metadata/labels/tier
                """);

        var (objects, _) = BuildClean("app");

        var web = objects.Single();
        web.Root.Text("spec.replicas").Should().Be("5");
        web.Root.At("spec.replicas")!.Origin.Should().Be(new RepoEvidence("app/replicas.yaml", 3, 10, "[0].value"));
        web.Root.List("spec.template.spec.containers")!.Items.Select(c => c.Text("name")).Should().Equal("app", "sidecar", "extra");
        web.Root.Map("metadata.labels")!.Entries.Should().BeEmpty();
    }

    [Fact]
    public void PatchesStrategicMerge_and_PatchesJson6902_are_read()
    {
        _repo.Write("app/kustomization.yaml", """
                resources: [deployment.yaml]
                patchesStrategicMerge:
                  - replicas.yaml
                  - |-
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                      labels:
                        tier: null
                patchesJson6902:
                  - target: {group: apps, version: v1, kind: Deployment, name: web}
                    patch: |-
                      - op: replace
                        path: /spec/template/spec/containers/1/image
                        value: envoy:2.0
                """)
            .Write("app/deployment.yaml", Deployment)
            .Write("app/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n");

        var (objects, _) = BuildClean("app");

        var web = objects.Single();
        web.Root.Text("spec.replicas").Should().Be("4");
        web.Root.At("spec.replicas")!.Origin.Should().Be(new RepoEvidence("app/replicas.yaml", 6, 13, "spec.replicas"));
        web.Root.Map("metadata.labels")!.ContainsKey("tier").Should().BeFalse("null deletes");
        web.Root.Text("spec.template.spec.containers[1].image").Should().Be("envoy:2.0");
        web.Root.At("spec.template.spec.containers[1].image")!.Origin.Location.Should().Be("app/kustomization.yaml:16 ([0].value)");
    }

    [Fact]
    public void A_patch_selects_by_label_and_leaves_other_objects_alone()
    {
        _repo.Write("app/kustomization.yaml", """
                resources: [deployment.yaml, other.yaml]
                patches:
                  - target: {labelSelector: "tier=front"}
                    patch: |
                      - {op: add, path: /metadata/annotations, value: {patched: "yes"}}
                """)
            .Write("app/deployment.yaml", Deployment)
            .Write("app/other.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, labels: {tier: back}}\n");

        var (objects, _) = BuildClean("app");

        objects[0].Root.Text("metadata.annotations.patched").Should().Be("yes");
        objects[1].Root.At("metadata.annotations").Should().BeNull();
    }

    [Fact]
    public void A_patch_target_selecting_nothing_patches_nothing_as_in_kustomize()
    {
        _repo.Write("app/kustomization.yaml", """
                resources: [deployment.yaml]
                patches:
                  - target: {kind: Deployment, name: nope}
                    patch: |
                      - {op: replace, path: /spec/replicas, value: 2}
                """)
            .Write("app/deployment.yaml", Deployment);

        var (objects, problems) = Build("app");

        objects.Single().Root.Text("spec.replicas").Should().Be("1");
        problems.Should().BeEmpty("kubectl kustomize builds this: a target selects, and may select nothing");
    }

    [Fact]
    public void A_strategic_patch_for_an_object_not_built_is_refused()
    {
        _repo.Write("app/kustomization.yaml", "resources: [deployment.yaml]\npatchesStrategicMerge: [patch.yaml]\n")
            .Write("app/deployment.yaml", Deployment)
            .Write("app/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {replicas: 2}\n");

        var (_, problems) = Build("app");

        problems.Should().ContainSingle().Which.ToString().Should().Be(
            "app/kustomization.yaml:2 (patchesStrategicMerge[0]): no resource matches the strategic merge patch of kind=Deployment, name=api: kustomize refuses the build");
    }

    [Fact]
    public void A_failing_JSON_operation_and_a_JSON_patch_without_target_are_problems()
    {
        _repo.Write("app/kustomization.yaml", """
                resources: [deployment.yaml]
                patches:
                  - target: {kind: Deployment}
                    patch: |
                      - {op: replace, path: /spec/missing/field, value: 2}
                  - patch: |
                      - {op: replace, path: /spec/replicas, value: 2}
                """)
            .Write("app/deployment.yaml", Deployment);

        var (objects, problems) = Build("app");

        objects.Single().Root.Text("spec.replicas").Should().Be("1");
        problems.Select(p => p.ToString()).Should().Equal(
            "app/kustomization.yaml:5: JSON patch on Deployment/web failed: path segment 'missing' does not exist",
            "app/kustomization.yaml:6 (patches[1]): a JSON 6902 patch needs a target");
    }

    [Fact]
    public void A_kustomization_cycle_is_a_problem_not_a_hang()
    {
        _repo.Write("a/kustomization.yaml", "resources:\n  - cm.yaml\n  - ../b\n")
            .Write("a/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")
            .Write("b/kustomization.yaml", "resources:\n  - ../a\n");

        var (objects, problems) = Build("a");

        objects.Select(o => o.Name).Should().Equal("a");
        problems.Should().ContainSingle().Which.ToString().Should().Be("b/kustomization.yaml:2 (resources[0]): kustomization cycle: a -> b -> a");
    }

    [Fact]
    public void A_folder_included_twice_is_two_resources_with_one_id_which_kustomize_refuses()
    {
        _repo.Write("app/kustomization.yaml", "resources: [x, z]\n")
            .Write("app/x/kustomization.yaml", "resources: [../shared]\n")
            .Write("app/z/kustomization.yaml", "resources: [../shared]\n")
            .Write("app/shared/kustomization.yaml", "resources: [cm.yaml]\n")
            .Write("app/shared/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\n");

        var (objects, problems) = Build("app");

        objects.Should().ContainSingle();
        problems.Should().ContainSingle().Which.ToString().Should().Be(
            "app/kustomization.yaml:1 (resources[1]): resource 'z' adds ConfigMap/s a second time: kustomize refuses two resources with one id");
    }

    [Fact]
    public void A_resource_folder_without_a_kustomization_is_refused_as_kustomize_does()
    {
        _repo.Write("app/kustomization.yaml", "resources:\n  - manifests\n")
            .Write("app/manifests/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\n");

        var (objects, problems) = Build("app");

        objects.Should().BeEmpty();
        problems.Should().ContainSingle().Which.ToString().Should().Be(
            "app/kustomization.yaml:2 (resources[0]): resource 'manifests' is a folder without kustomization.yaml: kustomize refuses it");
    }

    [Fact]
    public void A_refused_build_says_why_and_a_clean_one_clears_it()
    {
        _repo.Write("bad/kustomization.yaml", "resources: [missing.yaml]\n")
            .Write("good/kustomization.yaml", "resources: [deployment.yaml]\n")
            .Write("good/deployment.yaml", Deployment);
        var (repo, log) = _repo.Open();
        var builder = new KustomizeBuilder(repo, log);

        builder.Build("bad", new RepoEvidence("bad", 1, 1, ""));
        builder.Refusal!.Cause.Should().Be("resource 'missing.yaml' does not exist");
        builder.Build("good", new RepoEvidence("good", 1, 1, ""));
        builder.Refusal.Should().BeNull();
        builder.Build("bad", new RepoEvidence("bad", 1, 1, ""));
        builder.Refusal.Should().NotBeNull("the same error, logged once, still refuses the build each time");
    }

    [Fact]
    public void A_missing_resource_is_a_problem_naming_the_kustomization_line()
    {
        _repo.Write("app/kustomization.yaml", "resources:\n  - deployment.yaml\n  - missing.yaml\n")
            .Write("app/deployment.yaml", Deployment);

        var (objects, problems) = Build("app");

        objects.Should().ContainSingle();
        problems.Should().ContainSingle().Which.ToString().Should().Be("app/kustomization.yaml:3 (resources[1]): resource 'missing.yaml' does not exist");
    }

    [Fact]
    public void A_resource_outside_the_repo_is_a_problem_naming_the_kustomization_line()
    {
        _repo.Write("apps/web/kustomization.yaml", "resources:\n  - ../../../../etc/passwd\n");

        var (objects, problems) = Build("apps/web");

        objects.Should().BeEmpty();
        problems.Should().ContainSingle().Which.ToString()
            .Should().Be("apps/web/kustomization.yaml:2 (resources[0]): '../../../../etc/passwd' points outside the repository; it is not read");
    }

    [Fact]
    public void A_resource_file_that_is_not_an_object_is_a_problem_but_empty_documents_are_not()
    {
        _repo.Write("app/kustomization.yaml", "resources: [mixed.yaml]\n")
            .Write("app/mixed.yaml", "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nfoo: bar\n---\n");

        var (objects, problems) = Build("app");

        objects.Select(o => o.Name).Should().Equal("a");
        problems.Should().ContainSingle().Which.ToString().Should().Be("app/mixed.yaml:6: resource is not a Kubernetes object (no apiVersion/kind)");
    }

    [Fact]
    public void Replicas_set_the_count_of_scalable_objects_of_that_name_only()
    {
        _repo.Write("app/kustomization.yaml", """
                resources: [deploy.yaml, config.yaml]
                replicas:
                  - name: web
                    count: 3
                """)
            .Write("app/deploy.yaml", Deployment)
            .Write("app/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n");

        var (objects, _) = BuildClean("app");

        var replicas = objects.Single(o => o.Kind == "Deployment").Root.Scalar("spec.replicas")!;
        replicas.Value.Should().Be("3");
        replicas.Origin.Should().Be(new RepoEvidence("app/kustomization.yaml", 4, 12, "replicas[0].count"));
        objects.Single(o => o.Kind == "ConfigMap").Root.At("spec").Should().BeNull();
    }

    [Fact]
    public void Replicas_for_a_name_nothing_has_is_an_error_as_in_kustomize()
    {
        _repo.Write("app/kustomization.yaml", "resources: [deploy.yaml]\nreplicas:\n  - {name: api, count: 2}\n").Write("app/deploy.yaml", Deployment);

        var (_, problems) = Build("app");

        problems.Select(p => p.ToString()).Should().Equal(
            "app/kustomization.yaml:3 (replicas[0]): replicas: no Deployment, StatefulSet, ReplicaSet or ReplicationController is named api");
    }

    [Fact]
    public void Remote_resources_and_unevaluated_keys_are_warnings()
    {
        _repo.Write("app/kustomization.yaml", """
                vars: []
                resources:
                  - https://github.com/org/repo//deploy?ref=v1
                """);

        var (_, problems) = Build("app");

        problems.Should().OnlyContain(p => p.Severity == Severity.Warning);
        problems.Select(p => p.ToString()).Should().Equal(
            "app/kustomization.yaml:1 (vars): kustomize 'vars' is not evaluated by this reader; values it changes may be stale",
            "app/kustomization.yaml:3 (resources[0]): remote resource 'https://github.com/org/repo//deploy?ref=v1' is not fetched offline");
    }

    [Fact]
    public void A_plain_folder_is_read_recursively_as_Flux_reads_it()
    {
        _repo.Write("apps/one.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\n")
            .Write("apps/notes.md", "not yaml")
            .Write("apps/sub/two.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two}\n")
            .Write("apps/sub/deeper/three.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: three}\n")
            .Write("apps/kustomized/kustomization.yaml", "namespace: k\nresources: [four.yaml]\n")
            .Write("apps/kustomized/four.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: four}\n")
            .Write("apps/kustomized/ignored.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: not-listed}\n")
            .Write("apps/.hidden/x.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hidden}\n");

        var (objects, _) = BuildClean("apps");

        objects.Select(o => o.Name).Should().Equal("one", "four", "two", "three");
        objects.Single(o => o.Name == "four").Namespace.Should().Be("k");
    }
}
