using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Flux;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Sources.Git.Flux;

/// <summary>One kustomize build of a Flux Kustomization: its objects, why kustomize refused it (or null), and its SOPS-opaque objects.</summary>
internal sealed record KustomizationBuild(List<KubeObject> Objects, InputProblem? Refusal, IReadOnlyList<Evidence> Opaque);

/// <summary>
/// Builds the Kustomizations waiting in the walk's queue ahead of their turn, on every core: a
/// build reads only the repo's files, so those of one level of the tree are independent. Each
/// build logs to a log of its own, handed over when the walk reaches it, so the problems keep the
/// order of a walk one at a time. The folder is guessed as the walk finds it for a Kustomization of
/// this repo; a build is used only if the walk asks for that very folder, else it builds again.
/// </summary>
internal sealed class BuildsAhead(RepoFiles repo)
{
    /// <summary>Fewer builds than this are not worth the pool's start.</summary>
    private const int ParallelFrom = 2;

    private readonly Dictionary<KubeObject, (string Dir, KustomizationBuild Build, ProblemLog Log)> _built = new(ReferenceEqualityComparer.Instance);

    /// <summary>Every Kustomization looked at, built ahead or not: each is planned once.</summary>
    private readonly HashSet<KubeObject> _considered = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether <paramref name="o"/> was planned already (built ahead or not).</summary>
    public bool Considered(KubeObject o) => _considered.Contains(o);

    /// <summary>Builds, in parallel, those of <paramref name="waiting"/> not built yet whose folder can be told now.</summary>
    public void Start(IEnumerable<KubeObject> waiting)
    {
        var todo = waiting.Where(_considered.Add).DistinctBy(o => o.Ref).Select(Plan).OfType<(KubeObject, string, FluxKustomization, Evidence)>().ToList();
        if (todo.Count < ParallelFrom) return;
        var done = new (string, KustomizationBuild, ProblemLog)[todo.Count];
        Parallel.For(0, todo.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (_, dir, ks, at) = todo[i];
            var log = new ProblemLog();
            done[i] = (dir, Run(new KustomizeBuilder(repo.ReportingTo(log), log), dir, at, ks), log);
        });
        for (var i = 0; i < todo.Count; i++) _built[todo[i].Item1] = done[i];
    }

    /// <summary>
    /// The folder <paramref name="o"/> was built ahead from: the repo folder its path resolves to (without a problem) against
    /// the repo root, found a directory when planned; null when it was not built ahead.
    /// </summary>
    public string? BuiltFrom(KubeObject o) => _built.TryGetValue(o, out var ahead) ? ahead.Dir : null;

    /// <summary>The build of <paramref name="o"/>'s folder <paramref name="dir"/>: the one made ahead, its problems logged now, or one made now.</summary>
    public KustomizationBuild Take(KubeObject o, string dir, Evidence at, FluxKustomization ks, KustomizeBuilder builder, ProblemLog problems)
    {
        if (_built.Remove(o, out var ahead) && ahead.Dir == dir)
        {
            problems.Append(ahead.Log);
            return ahead.Build;
        }
        return Run(builder, dir, at, ks);
    }

    public static KustomizationBuild Run(KustomizeBuilder builder, string dir, Evidence at, FluxKustomization ks)
    {
        var objects = builder.Build(dir, at, ks);
        return new(objects, builder.Refusal, [.. builder.Opaque]);
    }

    /// <summary>The folder the walk will build for a Kustomization of this repo's GitRepository; null when that cannot be told before its turn.</summary>
    private (KubeObject, string, FluxKustomization, Evidence)? Plan(KubeObject o)
    {
        var ks = FluxKustomization.Parse(o).View;
        var path = ks.Path ?? new Fact<string>("./", o.Origin);
        if (!path.IsKnown || (ks.SourceRef?.Kind ?? "GitRepository") != "GitRepository") return null;
        var quiet = repo.ReportingTo(new ProblemLog());
        return quiet.Resolve("", path.Value.TrimStart('/'), path.Evidence) is { } dir && quiet.IsDirectory(dir) ? (o, dir, ks, path.Evidence) : null;
    }
}
