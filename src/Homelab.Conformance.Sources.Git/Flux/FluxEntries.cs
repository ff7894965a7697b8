using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Flux;
using Homelab.Conformance.Sources.Git.Helm;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Sources.Git.Flux;

/// <summary>
/// Finds every cluster entry of the repo as real repos bootstrap Flux: a <c>flux-system</c>
/// Kustomization (<c>flux bootstrap</c>'s gotk-sync.yaml, e.g. <c>clusters/home/flux-system</c>),
/// a <c>FluxInstance</c>'s <c>spec.sync</c>, or a HelmRelease of the <c>flux-instance</c> chart with
/// <c>values.instance.sync</c>. Entries with the same path are one cluster.
/// </summary>
public static class FluxEntries
{
    private const string FluxSystem = "flux-system";
    private const string InstanceChart = "flux-instance";

    public static IReadOnlyList<FluxEntry> Find(RepoIndex index, ProblemLog problems) => Find(index, problems, builder: null);

    /// <summary>
    /// With <paramref name="builder"/>, a flux-instance HelmRelease's values may also come from
    /// <c>valuesFrom</c> (a ConfigMap or Secret its own folder generates, as repos often keep them).
    /// </summary>
    public static IReadOnlyList<FluxEntry> Find(RepoIndex index, ProblemLog problems, KustomizeBuilder? builder)
    {
        var entries = new List<FluxEntry>();
        foreach (var sync in index.Objects.Where(o => FluxKustomization.Is(o) && o.Name == FluxSystem)
                     .OrderByDescending(o => o.Origin is RepoEvidence r && r.File.EndsWith("gotk-sync.yaml", StringComparison.Ordinal)))
        {
            var ks = FluxKustomization.Parse(sync).View;
            if (ks.Path is not { IsKnown: true } path) continue;
            var source = ks.SourceRef is { } s ? index.Find(s.Kind ?? "GitRepository", s.NamespaceFrom(sync.Namespace), s.Name ?? "") : null;
            entries.Add(new FluxEntry(Normal(path.Value), "flux bootstrap", sync.Origin, sync)
            {
                DeclaredBy = sync,
                Url = source is not null && FluxSource.Is(source) ? FluxSource.Parse(source).View.Url.Known() : null,
            });
        }
        foreach (var instance in index.Objects.Where(FluxInstance.Is))
        {
            var sync = problems.Log(FluxInstance.Parse(instance)).Sync;
            if (sync is null) continue;
            Operator(entries, problems, instance, instance.Ref.ToString(), instance.Namespace, sync.Name, sync.Kind, sync.Url, sync.Path, sync.At);
        }
        foreach (var release in index.Objects.Where(FluxHelmRelease.Is))
        {
            var view = FluxHelmRelease.Parse(release).View;
            if (!IsInstanceChart(view, release, index) || InstanceValues(release, view, builder)?.Map("instance.sync") is not { } sync) continue;
            Operator(entries, problems, release, $"{release.Ref} (chart {InstanceChart})", view.TargetNamespace.Known() ?? release.Namespace,
                sync.Text("name"), sync.Text("kind"), Text(sync.Scalar("url")), Text(sync.Scalar("path")), sync.Origin);
        }
        // One cluster however many objects name its entry: the first found stands for it.
        return entries.DistinctBy(e => e.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Kustomizations declared inside the folder they apply (not <c>flux-system</c>, found above): each
    /// may be an entry that keeps applying itself, as the <c>cluster</c> Kustomization of repos
    /// bootstrapped with <c>kubectl apply -k</c> does. Whether it really applies itself is the walk's to say.
    /// </summary>
    public static IEnumerable<FluxEntry> SelfApplying(RepoIndex index)
    {
        foreach (var ks in index.Objects.Where(o => FluxKustomization.Is(o) && o.Name != FluxSystem))
        {
            var view = FluxKustomization.Parse(ks).View;
            if (view.Path is not { IsKnown: true } path || ks.Origin.RepoPlace() is not { } at) continue;
            // Only a Git source can be this repository (a Kustomization of an OCI artifact builds that artifact's files).
            if (view.SourceRef is { Kind: { } kind } && kind != "GitRepository") continue;
            var folder = Normal(path.Value);
            if (folder.Length > 0 && !at.File.StartsWith(folder + "/", StringComparison.Ordinal)) continue;
            var source = view.SourceRef is { } s ? index.Find(s.Kind ?? "GitRepository", s.NamespaceFrom(ks.Namespace), s.Name ?? "") : null;
            yield return new FluxEntry(folder, "self-applying Kustomization", ks.Origin, ks)
            {
                DeclaredBy = ks,
                Url = source is not null && FluxSource.Is(source) ? FluxSource.Parse(source).View.Url.Known() : null,
            };
        }
    }

    /// <summary>The Flux Operator's sync: a source and a Kustomization named after the namespace (or <c>sync.name</c>), made in the cluster.</summary>
    private static void Operator(List<FluxEntry> entries, ProblemLog problems, KubeObject declaring, string declaredBy, string? ns, string? name, string? kind,
        Fact<string>? url, Fact<string>? path, Evidence at)
    {
        if (path is null) return;
        if (!path.IsKnown)
        {
            problems.Error(path.Evidence, $"{declaredBy} syncs a path that is {path.Unknown}; its entry folder cannot be known offline");
            return;
        }
        ns ??= FluxSystem;
        name ??= ns;
        var sourceKind = kind ?? "GitRepository";
        var source = VirtualObject.Create($"{FluxGroups.Source}/v1", sourceKind, name, ns, at,
            [new("spec", new MapNode(at, url is { IsKnown: true } ? [new("url", new ScalarNode(url.Evidence, url.Value))] : []))]);
        var sync = VirtualObject.Create($"{FluxGroups.Kustomize}/v1", "Kustomization", name, ns, at,
        [
            new("spec", new MapNode(at,
            [
                new("path", new ScalarNode(path.Evidence, path.Value)),
                new("sourceRef", new MapNode(at, [new("kind", new ScalarNode(at, sourceKind)), new("name", new ScalarNode(at, name))])),
            ])),
        ]);
        entries.Add(new FluxEntry(Normal(path.Value), declaredBy, path.Evidence, sync) { Bootstrap = [source, sync], Url = url.Known(), DeclaredBy = declaring });
    }

    /// <summary>
    /// The release's values as Flux merges them (each <c>valuesFrom</c> in order, then <c>values</c>),
    /// as far as its own folder shows them: enough to find <c>instance.sync</c>.
    /// </summary>
    private static MapNode? InstanceValues(KubeObject o, FluxHelmRelease release, KustomizeBuilder? builder)
    {
        if (release.ValuesFrom.Count == 0 || builder is null || o.Origin is not RepoEvidence at) return release.Values;
        var folder = Path.GetDirectoryName(at.File)?.Replace('\\', '/') ?? "";
        var built = builder.Build(folder, at);
        var values = new MapNode(o.Place, []);
        foreach (var from in release.ValuesFrom)
        {
            var source = built.FirstOrDefault(b => b.Kind == (from.Source.Kind ?? "ConfigMap") && (b.Name == from.Source.Name || b.OriginalName == from.Source.Name));
            if (source?.Root.Map("data")?[from.ValuesKey ?? "values.yaml"] is not ScalarNode { IsKnown: true } text) continue;
            if (Embedded.Parse(text).Documents.FirstOrDefault()?.Root is MapNode map) values = ValuesMerge.Merge(values, map);
        }
        return release.Values is null ? values : ValuesMerge.Merge(values, release.Values);
    }

    /// <summary>A HelmRelease of the flux-instance chart: by <c>chart.spec.chart</c>, or a chartRef to an OCIRepository of it.</summary>
    private static bool IsInstanceChart(FluxHelmRelease release, KubeObject o, RepoIndex index) => IsChart(InstanceChart, release, o, index);

    /// <summary>A HelmRelease of the named chart: by <c>chart.spec.chart</c>, or a chartRef to an OCIRepository of it.</summary>
    public static bool IsChart(string name, FluxHelmRelease release, KubeObject o, RepoIndex index)
    {
        if (release.Chart?.Chart.Known() is { } chart) return chart == name || chart.EndsWith($"/{name}", StringComparison.Ordinal);
        if (release.ChartRef is not { Kind: "OCIRepository" } reference) return false;
        var repository = index.Find("OCIRepository", reference.NamespaceFrom(o.Namespace), reference.Name ?? "");
        var url = repository is not null && FluxSource.Is(repository) ? FluxSource.Parse(repository).View.Url.Known() : null;
        return url?.TrimEnd('/').EndsWith($"/{name}", StringComparison.Ordinal) ?? reference.Name == name;
    }

    private static Fact<string>? Text(ScalarNode? node) => node switch
    {
        null or { IsNull: true } => null,
        { IsKnown: false } => Fact<string>.NotKnown(node.Origin, node.Unknown!),
        _ => new Fact<string>(node.Value!, node.Origin),
    };

    /// <summary>A path as Flux reads it against the source root: no leading <c>./</c> or <c>/</c>, no trailing <c>/</c>.</summary>
    public static string Normal(string path)
    {
        var p = path.Trim();
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p[2..];
        p = p.Trim('/');
        return p is "." ? "" : p;
    }
}
