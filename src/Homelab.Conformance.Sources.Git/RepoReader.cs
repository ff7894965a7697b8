using Homelab.Conformance.Extraction;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Sources.Flux;
using Homelab.Conformance.Sources.Git.Flux;
using Homelab.Conformance.Sources.Git.Helm;
using Homelab.Conformance.Sources.Git.Helm.Charts;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Sources.Git;

/// <summary>What to read: the repo, optionally the Flux entry folder, and charts' own values files.</summary>
public sealed record RepoOptions(string Root)
{
    /// <summary>A folder Flux applies first, when the repo has no flux-system sync or FluxInstance.</summary>
    public string? Entry { get; init; }

    /// <summary>Chart name to that chart's own values.yaml, replacing the embedded defaults.</summary>
    public IReadOnlyDictionary<string, string> ChartValues { get; init; } = new Dictionary<string, string>();

    /// <summary>When set, phase timings and counts are recorded here.</summary>
    public ReadStats? Stats { get; init; }
}

/// <summary>
/// Reads a GitOps repo into facts, offline: every file indexed, Flux followed from its entry,
/// kustomize and substitutions rendered, HelmRelease values resolved, Talos config read.
/// Problems in the input are collected, never thrown, so every rule still runs.
/// </summary>
public static class RepoReader
{
    public static ClusterFacts Read(RepoOptions options)
    {
        var problems = new ProblemLog();
        var repo = new RepoFiles(options.Root, problems);
        var facts = new ClusterFacts { Origin = FactOrigin.Repo, Source = $"repo {options.Root}" };
        var stats = options.Stats;
        var index = new RepoIndex(repo);
        stats?.Mark("index");
        var rendered = new FluxWalker(repo, index, new KustomizeBuilder(repo, problems), problems).Walk(options.Entry);
        stats?.Mark("render");

        facts.ObjectCount = rendered.Objects.Count;
        ObjectExtractor.Add(facts, rendered.Objects);
        MarkPathsThatExist(facts, rendered);
        var values = new HelmReleaseValues(problems, rendered, new ChartDefaults(options.ChartValues));
        foreach (var release in rendered.Objects.Where(FluxHelmRelease.Is))
            ChartProjections.Project(values.Resolve(release), rendered, facts, problems);
        stats?.Mark("facts+helm");
        Talos.TalosReader.Read(repo, problems, facts);
        stats?.Mark("talos");
        if (stats is not null)
        {
            stats.Files = index.Files;
            stats.Objects = rendered.Objects.Count;
        }

        facts.Problems.AddRange(problems.Problems);
        return facts;
    }

    /// <summary>Whether each Kustomization's path exists is known only from the walk over the repo.</summary>
    private static void MarkPathsThatExist(ClusterFacts facts, RenderedRepo rendered)
    {
        var kustomizations = facts.Flux.Kustomizations;
        for (var i = 0; i < kustomizations.Count; i++)
        {
            var reached = rendered.Kustomizations.FirstOrDefault(k => k.Object.Ref == kustomizations[i].Id);
            if (reached is not null) kustomizations[i] = kustomizations[i] with { Path = reached.Path ?? kustomizations[i].Path, PathExists = reached.PathExists };
        }
    }
}
