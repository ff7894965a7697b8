using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Tests.Kustomize;

/// <summary>kustomize replacements; the expected values are what <c>kubectl kustomize</c> (kustomize v5.5.0) printed for the same files.</summary>
public sealed class ReplacementsTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private const string Resources = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {HOST: db.local, DOMAIN: eu.example.org}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            metadata:
              labels: {zone: x}
            spec:
              containers:
                - name: app
                  image: nginx
                  env:
                    - {name: HOST, value: old}
        """;

    private (List<KubeObject> Objects, IReadOnlyList<InputProblem> Problems) Build(string replacements)
    {
        _repo.Write("app/kustomization.yaml", "resources: [r.yaml]\n" + replacements).Write("app/r.yaml", Resources);
        var (repo, log) = _repo.Open();
        return (new KustomizeBuilder(repo, log).Build("app", new RepoEvidence("app", 1, 1, "")), log.Problems);
    }

    private const string Copies = """
        replacements:
          - source:
              kind: ConfigMap
              name: settings
              fieldPath: data.HOST
            targets:
              - select: {kind: Deployment}
                fieldPaths:
                  - spec.template.spec.containers.[name=app].env.[name=HOST].value
                  - spec.template.spec.containers.0.image
                  - metadata.annotations.host
                options: {create: true}
          - source:
              kind: ConfigMap
              name: settings
              fieldPath: data.DOMAIN
              options: {delimiter: '.', index: 0}
            targets:
              - select: {kind: Deployment, name: web}
                fieldPaths: [spec.template.metadata.labels.zone]
        """;

    [Fact]
    public void A_source_field_is_copied_into_every_target_path_and_keeps_its_evidence()
    {
        var (objects, problems) = Build(Copies);

        problems.Should().BeEmpty();
        var web = objects.Single(o => o.Kind == "Deployment").Root;
        web.Text("spec.template.spec.containers[0].env[0].value").Should().Be("db.local");
        web.Text("spec.template.spec.containers[0].image").Should().Be("db.local");
        web.Text("metadata.annotations.host").Should().Be("db.local", "create adds the missing keys");
        web.At("metadata.annotations.host")!.Origin.Should().Be(new RepoEvidence("app/r.yaml", 4, 14, "data.HOST"));
        web.Text("spec.template.metadata.labels.zone").Should().Be("eu", "the first part of eu.example.org split by '.'");
    }

    [Fact]
    public void A_missing_target_field_without_create_is_an_error_at_its_path_as_in_kustomize()
    {
        var (_, problems) = Build(Copies.Replace("options: {create: true}", "options: {create: false}", StringComparison.Ordinal));

        problems.Should().ContainSingle().Which.ToString().Should().Be(
            "app/kustomization.yaml:12 (replacements[0].targets[0].fieldPaths[2]): replacement target Deployment/web has no field metadata.annotations.host (set options.create to add it)");
    }

    [Fact]
    public void Replacements_may_come_from_a_file_and_a_source_must_match_one_object()
    {
        _repo.Write("app/replacements.yaml", """
            - source: {kind: Secret, name: absent}
              targets: [{select: {kind: Deployment}, fieldPaths: [metadata.name]}]
            """);

        var (objects, problems) = Build("replacements:\n  - path: replacements.yaml\n");

        problems.Should().ContainSingle().Which.Cause.Should().Be("replacement source matches no resources, not one");
        objects.Single(o => o.Kind == "Deployment").Name.Should().Be("web");
    }
}
