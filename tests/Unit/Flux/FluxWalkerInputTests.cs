using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Git.Flux;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Tests.Flux;

/// <summary>What the walker does with Flux objects it reads through their typed views: malformed ones and references by namespace.</summary>
public sealed class FluxWalkerInputTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    /// <summary>gotk-sync.yaml applies clusters/home, where apps.yaml is Kustomization flux-system/apps (its spec from line 7).</summary>
    private TempRepo Cluster(string appsSpec) => _repo
        .WithFluxEntry()
        .Write("clusters/home/apps.yaml", $"""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: apps
              namespace: flux-system
            spec:
            {appsSpec}
            """)
        .Write("apps/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: web}\ndata:\n  pool: ${LB_POOL}\n");

    private (RenderedRepo Rendered, IReadOnlyList<InputProblem> Problems) Walk()
    {
        var (repo, log) = _repo.Open();
        var index = new RepoIndex(repo);
        var rendered = new FluxWalker(repo, index, new KustomizeBuilder(repo, log), log).Walk(FluxEntries.Find(index, log).SingleOrDefault());
        return (rendered, log.Problems);
    }

    [Fact]
    public void A_malformed_sourceRef_is_an_error_at_its_line_and_the_walk_goes_on()
    {
        Cluster("  path: ./apps\n  sourceRef: flux-system\n");

        var (rendered, problems) = Walk();

        problems.Select(p => $"{p.Severity} {p}").Should().Equal(
            "Error clusters/home/apps.yaml:8 (spec.sourceRef): Kustomization flux-system/apps: 'sourceRef' is a string, where Flux expects a mapping");
        rendered.Kustomizations.Single(k => k.Object.Name == "apps").PathExists!.Value.Should().BeTrue("without a sourceRef it reads as this repo's, as before");
    }

    [Fact]
    public void A_malformed_path_is_an_error_and_nothing_is_built_from_a_guess()
    {
        Cluster("  path: {dir: apps}\n  sourceRef: {kind: GitRepository, name: flux-system}\n");

        var (rendered, problems) = Walk();

        problems.Should().ContainSingle().Which.ToString().Should().Be(
            "clusters/home/apps.yaml:7 (spec.path): Kustomization flux-system/apps: 'path' is a mapping, where Flux expects a string");
        var apps = rendered.Kustomizations.Single(k => k.Object.Name == "apps");
        apps.Path!.IsKnown.Should().BeFalse();
        apps.RepoPath.Should().BeNull();
        rendered.Objects.Should().NotContain(o => o.Name == "c");
    }

    [Fact]
    public void SubstituteFrom_reads_the_Kustomization_s_namespace_even_when_another_comes_first()
    {
        Cluster("  path: ./apps\n  sourceRef: {kind: GitRepository, name: flux-system}\n  postBuild:\n    substituteFrom:\n      - name: settings\n")
            .Write("clusters/home/a-settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: other}\ndata: {LB_POOL: wrong}\n")
            .Write("clusters/home/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: flux-system}\ndata: {LB_POOL: 10.0.0.0/24}\n");

        var (rendered, problems) = Walk();

        problems.Should().BeEmpty();
        var pool = rendered.Find("ConfigMap", "web", "c")!.Root.At("data.pool")!;
        pool.Origin.Location.Should().Be("apps/config.yaml:5 (data.pool) via ${LB_POOL} from ConfigMap flux-system/settings (clusters/home/settings.yaml:4 (data.LB_POOL))");
    }

    [Fact]
    public void A_malformed_HelmRelease_is_an_error_of_the_repo_read()
    {
        Cluster("  path: ./apps\n  sourceRef: {kind: GitRepository, name: flux-system}\n  postBuild:\n    substitute: {LB_POOL: x}\n")
            .Write("apps/release.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web, namespace: web}\nspec:\n  values: [a]\n");

        var facts = RepoReader.Read(new RepoOptions(_repo.Root));

        facts.Problems.Select(p => p.ToString()).Should().Contain(
            "apps/release.yaml:5 (spec.values): HelmRelease web/web: 'values' is a list, where Flux expects a mapping");
        facts.Flux.HelmReleases.Select(r => r.Id.ToString()).Should().Equal("HelmRelease web/web");
    }
}
