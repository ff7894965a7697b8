using Homelab.Conformance.Documents;
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

    /// <summary>Which cluster of a repo that holds several (its entry's path, or one segment of it).</summary>
    public string? Cluster { get; init; }

    /// <summary>Chart name to that chart's own values.yaml, replacing the embedded defaults.</summary>
    public IReadOnlyDictionary<string, string> ChartValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The docs pages to read (a page or folder, relative to the repo); null: every page under <c>docs/</c>.</summary>
    public string? DocsPath { get; init; }

    /// <summary>How chart defaults are fetched (cache, timeout, offline); null: from the environment (<c>HOMELAB_OFFLINE</c>).</summary>
    public Helm.Remote.FetchOptions? ChartFetch { get; init; }

    /// <summary>When set, phase timings and counts are recorded here.</summary>
    public ReadStats? Stats { get; init; }

    /// <summary>Told each step as it starts (reading, rendering, a chart fetched over the network), for the console's progress.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Called once the Flux tree is rendered: the rest of the read (facts, Helm values, Talos) runs on one core.</summary>
    public Action? Rendered { get; init; }
}

/// <summary>What the repo reader read: one cluster's facts, and the entry Flux applies it from (null with <c>--entry</c> or none found).</summary>
public sealed record RepoRead(ClusterFacts Facts, FluxEntry? Entry);

/// <summary>The repo holds several clusters and none was chosen: the run cannot be made until one is.</summary>
public sealed class ClusterChoiceException(string problem, IReadOnlyList<FluxEntry> entries)
    : Exception($"{problem}; choose one with --cluster NAME: {string.Join("; ", entries.Select(e => e.ToString()))}")
{
    public IReadOnlyList<FluxEntry> Entries { get; } = entries;
}

/// <summary>
/// Reads a GitOps repo into facts, offline: every file indexed, Flux followed from its entry,
/// kustomize and substitutions rendered, HelmRelease values resolved, Talos config read.
/// Problems in the input are collected, never thrown, so every rule still runs.
/// </summary>
public static class RepoReader
{
    public static ClusterFacts Read(RepoOptions options) => ReadCluster(options).Facts;

    /// <summary>
    /// The facts of one cluster of the repo, and its entry. Throws <see cref="ClusterChoiceException"/>
    /// when the repo holds several clusters and <see cref="RepoOptions.Cluster"/> names none of them.
    /// </summary>
    public static RepoRead ReadCluster(RepoOptions options)
    {
        var problems = new ProblemLog();
        options.Progress?.Report($"reading the repo {options.Root}");
        var repo = new RepoFiles(options.Root, problems);
        var stats = options.Stats;
        var index = new RepoIndex(repo);
        stats?.Mark("index");
        var builder = new KustomizeBuilder(repo, problems);
        var entries = options.Entry is null ? Applied(FluxEntries.Find(index, problems, builder), repo, index) : [];
        var entry = options.Entry is null ? Choose(entries, options) : null;
        var facts = new ClusterFacts
        {
            Origin = FactOrigin.Repo,
            Source = entry is null ? $"repo {options.Root}" : $"repo {options.Root} (cluster {entry.Path})",
        };
        options.Progress?.Report("rendering what Flux applies (kustomize, post-build substitution)");
        var walker = new FluxWalker(repo, index, builder, problems);
        var rendered = options.Entry is { } path ? walker.Walk(path) : walker.Walk(entry);
        stats?.Mark("render");
        options.Rendered?.Invoke();
        MarkUnread(facts, rendered);
        WarnApplyQuirks(rendered, problems);
        // Secrets are kept out of Git by design (made by hand, or by a controller the repo may not show):
        // one the repo does not hold may still exist, so a reference to it is not known to fail.
        facts.UnreadableKinds.TryAdd("Secret", "a Secret may be made outside the repository (by hand, or by a controller such as External Secrets)");

        facts.ObjectCount = rendered.Objects.Count;
        ObjectExtractor.Add(facts, rendered.Objects);
        MarkPathsThatExist(facts, rendered);
        options.Progress?.Report("resolving Helm values and chart defaults");
        using (var remote = new Helm.Remote.RemoteCharts(options.ChartFetch ?? Helm.Remote.FetchOptions.FromEnvironment()) { Progress = options.Progress })
        {
            var values = new HelmReleaseValues(problems, rendered, new ChartDefaults(options.ChartValues, remote), facts.UnreadableKinds, ChartProjections.SettingKinds);
            foreach (var release in rendered.Objects.Where(FluxHelmRelease.Is))
                ChartProjections.Project(values.Resolve(release), rendered, facts, problems);
            if (stats is not null)
            {
                stats.Requests += remote.Requests;
                foreach (var (chart, ms) in remote.ColdFetchMs) stats.ChartFetches[chart] = ms;
            }
        }
        stats?.Mark("facts+helm");
        options.Progress?.Report("reading the Talos config and the docs pages");
        Talos.TalosReader.Read(repo, problems, facts, Talos.TalosScope.For(entry, entries));
        ReadDocs(options, facts);
        stats?.Mark("talos");
        if (stats is not null)
        {
            stats.Files = index.Files;
            stats.Objects = rendered.Objects.Count;
        }

        facts.Problems.AddRange(problems.Problems);
        return new RepoRead(facts, entry);
    }

    /// <summary>
    /// The clusters among the entries found, as Flux really applies them. A Kustomization that applies
    /// the folder holding its own declaration is an entry too: the layout of repos bootstrapped with
    /// <c>kubectl apply -k</c> (a <c>cluster</c> Kustomization over <c>./kubernetes/flux</c>), often beside a
    /// FluxInstance that syncs a folder inside it. An entry inside another's folder is part of that
    /// cluster (its bootstrap objects go with it). Of several left, those whose own declaration is in
    /// the tree they sync are the clusters: a leftover file that nothing applies is not. Should none
    /// be, all stay.
    /// </summary>
    private static IReadOnlyList<FluxEntry> Applied(IReadOnlyList<FluxEntry> entries, RepoFiles repo, RepoIndex index)
    {
        var walks = new Dictionary<FluxEntry, List<KubeObject>>(ReferenceEqualityComparer.Instance);
        List<KubeObject> Walked(FluxEntry e) => walks.TryGetValue(e, out var objects) ? objects : walks[e] = Walk(e, repo, index);
        bool AppliesItself(FluxEntry e) => e.DeclaredBy is { } declaring && Walked(e)
            .Any(o => o.Ref == declaring.Ref || (o.Origin.RepoPlace() is { } at && at.File == declaring.Origin.RepoPlace()?.File && o.Kind == declaring.Kind));

        var selfApplying = FluxEntries.SelfApplying(index).Where(e => !entries.Any(x => x.Path == e.Path && x.DeclaredBy?.Ref == e.DeclaredBy?.Ref))
            .Where(AppliesItself).ToList();
        // One counts only where the usual entries leave a gap: there are none, none applies itself, or one
        // lies inside its folder (a FluxInstance syncing a subfolder of the Kustomization's).
        if (selfApplying.Count > 0 && entries.Count > 0 && entries.Any(AppliesItself))
            selfApplying.RemoveAll(s => !entries.Any(e => Contains(s, e)));
        var candidates = selfApplying.Concat(entries).ToList();
        // A self-applying Kustomization another entry applies is one of that cluster's own (an app's ks.yaml).
        selfApplying.RemoveAll(s => candidates.Any(other => other != s && other.Path != s.Path && Walked(other).Any(o => o.Ref == s.DeclaredBy!.Ref)));
        candidates = selfApplying.Concat(entries).ToList();
        // The same folder twice is one cluster: the self-applying one stands, the other's bootstrap objects join it.
        var roots = candidates.Where(e => !candidates.Any(other => other != e && Contains(other, e) && (other.Path != e.Path || selfApplying.Contains(other) && !selfApplying.Contains(e))))
            .DistinctBy(e => e.Path, StringComparer.Ordinal)
            .Select(root => candidates.Where(e => e != root && Contains(root, e)).SelectMany(e => e.Bootstrap).ToList() is { Count: > 0 } inner
                ? root with { Bootstrap = root.Bootstrap.Concat(inner).DistinctBy(o => o.Ref).ToList() } : root)
            .ToList();
        if (roots.Count < 2) return roots;
        var applied = roots.Where(e => selfApplying.Any(s => s.Path == e.Path) || AppliesItself(e)).ToList();
        return applied.Count > 0 ? applied : roots;
    }

    /// <summary>Whether <paramref name="inner"/>'s folder is <paramref name="outer"/>'s or inside it.</summary>
    private static bool Contains(FluxEntry outer, FluxEntry inner) =>
        outer.Path.Length == 0 || inner.Path == outer.Path || inner.Path.StartsWith(outer.Path + "/", StringComparison.Ordinal);

    private static List<KubeObject> Walk(FluxEntry entry, RepoFiles repo, RepoIndex index)
    {
        var scratch = new ProblemLog();
        return new FluxWalker(repo, index, new KustomizeBuilder(repo, scratch), scratch).Walk(entry).Objects;
    }

    /// <summary>The one cluster to read: the only entry, or the one <see cref="RepoOptions.Cluster"/> names.</summary>
    private static FluxEntry? Choose(IReadOnlyList<FluxEntry> entries, RepoOptions options)
    {
        if (options.Cluster is { } name)
        {
            var named = entries.Where(e => e.IsNamed(name)).ToList();
            if (named.Count == 1) return named[0];
            throw new ClusterChoiceException(named.Count == 0 ? $"no cluster of {options.Root} is named '{name}'" : $"'{name}' names more than one cluster of {options.Root}", entries);
        }
        return entries.Count switch
        {
            0 => null,
            1 => entries[0],
            _ => throw new ClusterChoiceException($"{options.Root} holds {entries.Count} clusters", entries),
        };
    }

    /// <summary>
    /// What makes the cluster differ from what the repo declares, though nothing is wrong in a file:
    /// a suspended Kustomization or HelmRelease (Flux applies no change to it), and one object that two
    /// Kustomizations apply with different content (they fight over it; the cluster holds whichever applied last).
    /// </summary>
    private static void WarnApplyQuirks(RenderedRepo rendered, ProblemLog problems)
    {
        foreach (var o in rendered.Objects)
        {
            var suspend = FluxKustomization.Is(o) ? FluxKustomization.Parse(o).View.Suspend
                : FluxHelmRelease.Is(o) ? FluxHelmRelease.Parse(o).View.Suspend : null;
            if (suspend is { IsKnown: true, Value: true })
                problems.Warning(suspend.Evidence, $"{o.Ref} is suspended: Flux applies no change to it, so the cluster may differ from what it declares");
        }
        // The same object applied twice (a shared component, or a copy in each app) is in the cluster either way;
        // two different declarations of one object fight over it. (Most objects are applied once: their group is passed over first.)
        foreach (var twice in AppliedMoreThanOnce(rendered.Objects)
                     .Where(g => g.Select(o => o.AppliedBy).Distinct().Count() > 1 && g.Skip(1).Any(o => !SameContent.Of(o.Root, g[0].Root))))
        {
            var by = twice.Select(o => o.AppliedBy!).Distinct().ToList();
            problems.Warning(twice[^1].Origin, $"{twice[0].Ref} is applied by {string.Join(" and ", by)}: one object, which they both apply; the cluster holds whichever applied last");
        }
    }

    /// <summary>
    /// The applied objects of one Ref, for each Ref applied more than once, in the order each was first
    /// applied (as GroupBy gives them), without a group for each of the tens of thousands applied once.
    /// </summary>
    private static IEnumerable<List<KubeObject>> AppliedMoreThanOnce(IReadOnlyList<KubeObject> objects)
    {
        var first = new Dictionary<Provenance.ObjectRef, (KubeObject Object, int At)>(objects.Count);
        var repeated = new Dictionary<Provenance.ObjectRef, List<KubeObject>>();
        for (var i = 0; i < objects.Count; i++)
        {
            var o = objects[i];
            if (o.AppliedBy is null || first.TryAdd(o.Ref, (o, i))) continue;
            if (!repeated.TryGetValue(o.Ref, out var group)) repeated[o.Ref] = group = [first[o.Ref].Object];
            group.Add(o);
        }
        return repeated.OrderBy(r => first[r.Key].At).Select(r => r.Value);
    }

    /// <summary>
    /// A tree Flux applies that was not read may hold objects of any kind the rules read from objects:
    /// for each, "none found" proves nothing (the Auditor makes such absence inconclusive, naming the tree).
    /// </summary>
    /// <summary>The owner's architecture pages: what they claim, for the docs rules.</summary>
    private static void ReadDocs(RepoOptions options, ClusterFacts facts)
    {
        var pages = options.DocsPath is { } given ? Docs.DocsReader.Pages(options.Root, given) : Docs.DocsReader.ArchitecturePages(options.Root);
        Docs.DocsReader.Read(options.Root, pages, facts.Docs);
    }

    private static void MarkUnread(ClusterFacts facts, RenderedRepo rendered)
    {
        if (rendered.Unread.Count == 0) return;
        var why = rendered.Unread.Count == 1 ? $"not all the repo was read: {rendered.Unread[0]}"
            : $"not all the repo was read: {rendered.Unread[0]}, and {rendered.Unread.Count - 1} more tree(s) not read";
        foreach (var kind in ObjectExtractor.Kinds) facts.UnreadableKinds.TryAdd(kind, why);
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
