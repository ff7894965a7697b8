using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Tests.Documents;

public sealed class RepoIndexTests : IDisposable
{
    private readonly TempRepo _repo = new();

    private const string ChartTemplate = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
        {{- if .Values.replicas }}
        spec:
          replicas: {{ .Values.replicas }}
        {{- end }}
        """;

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void An_unrendered_template_nobody_applies_is_not_an_error()
    {
        _repo.Write("charts/app/templates/deployment.yaml", ChartTemplate).Write("apps/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        var (repo, log) = _repo.Open();

        var index = new RepoIndex(repo);

        index.Objects.Select(o => o.Name).Should().Equal("c");
        log.Problems.Should().BeEmpty("a Helm chart's templates are YAML only once rendered");
    }

    [Fact]
    public void An_unrendered_template_Flux_applies_is_an_error_at_its_line()
    {
        _repo.Write("apps/deployment.yaml", ChartTemplate).Write("apps/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        var (repo, log) = _repo.Open();
        _ = new RepoIndex(repo);

        new KustomizeBuilder(repo, log).Build("apps", new RepoEvidence("clusters/home/apps.yaml", 1, 1, ""));

        var problem = log.Problems.Should().ContainSingle().Subject;
        problem.Where.Should().BeOfType<RepoEvidence>().Which.File.Should().Be("apps/deployment.yaml");
        problem.Cause.Should().StartWith("invalid YAML: ");
    }
}
