using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// The fields through which kustomize renames references to a ConfigMap or Secret it generated
/// with a hash suffix: its built-in ones (pod specs, service accounts, ingresses) and those a
/// kustomization adds with <c>configurations:</c> (<c>nameReference</c>, e.g. a HelmRelease's
/// <c>spec/valuesFrom/name</c>). A reference in any other field keeps the unsuffixed name.
/// </summary>
internal sealed class NameReferences
{
    private sealed record FieldSpec(string ReferencedKind, string? Kind, string[] Path);

    private static readonly string[] PodTemplates = ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController"];

    private static readonly (string Kind, string Path)[] PodSpecFields =
    [
        ("ConfigMap", "volumes/configMap/name"),
        ("ConfigMap", "volumes/projected/sources/configMap/name"),
        ("ConfigMap", "containers/env/valueFrom/configMapKeyRef/name"),
        ("ConfigMap", "initContainers/env/valueFrom/configMapKeyRef/name"),
        ("ConfigMap", "containers/envFrom/configMapRef/name"),
        ("ConfigMap", "initContainers/envFrom/configMapRef/name"),
        ("Secret", "volumes/secret/secretName"),
        ("Secret", "volumes/projected/sources/secret/name"),
        ("Secret", "containers/env/valueFrom/secretKeyRef/name"),
        ("Secret", "initContainers/env/valueFrom/secretKeyRef/name"),
        ("Secret", "containers/envFrom/secretRef/name"),
        ("Secret", "initContainers/envFrom/secretRef/name"),
        ("Secret", "imagePullSecrets/name"),
    ];

    private static readonly FieldSpec[] BuiltIn =
    [
        .. PodSpecFields.Select(f => new FieldSpec(f.Kind, "Pod", $"spec/{f.Path}".Split('/'))),
        .. PodTemplates.SelectMany(kind => PodSpecFields.Select(f => new FieldSpec(f.Kind, kind, $"spec/template/spec/{f.Path}".Split('/')))),
        .. PodSpecFields.Select(f => new FieldSpec(f.Kind, "CronJob", $"spec/jobTemplate/spec/template/spec/{f.Path}".Split('/'))),
        new("Secret", "ServiceAccount", ["imagePullSecrets", "name"]),
        new("Secret", "ServiceAccount", ["secrets", "name"]),
        new("Secret", "Ingress", ["spec", "tls", "secretName"]),
    ];

    private readonly List<FieldSpec> _specs = [.. BuiltIn];

    /// <summary>Adds the <c>nameReference</c> entries of a kustomize configurations file.</summary>
    public void AddConfiguration(MapNode configuration)
    {
        foreach (var entry in configuration.List("nameReference")?.Items.OfType<MapNode>() ?? [])
        {
            if (entry.Text("kind") is not ("ConfigMap" or "Secret") || entry.List("fieldSpecs") is not { } fieldSpecs) continue;
            foreach (var spec in fieldSpecs.Items.OfType<MapNode>())
                if (spec.Text("path") is { Length: > 0 } path)
                    _specs.Add(new FieldSpec(entry.Text("kind")!, spec.Text("kind"), path.Split('/')));
        }
    }

    /// <summary>
    /// Points every reference these fields make to a renamed ConfigMap or Secret at its new name. As
    /// kustomize, a reference matches by declared name in the referrer's namespace (none is
    /// <c>default</c>); when several objects were declared with that name, the one renamed with the
    /// referrer's own prefix and suffix.
    /// </summary>
    public List<KubeObject> Rewrite(List<KubeObject> objects)
    {
        var renamed = objects.Where(o => o.OriginalName is not null && o.Kind is "ConfigMap" or "Secret")
            .ToLookup(o => (o.Kind, Namespace(o.Namespace), o.OriginalName!));
        if (renamed.Count == 0) return objects;
        // The fields that apply to a kind, picked once per kind rather than once per object.
        var specsOf = new Dictionary<string, FieldSpec[]>(StringComparer.Ordinal);
        var result = new List<KubeObject>(objects.Count);
        foreach (var referrer in objects)
        {
            if (!specsOf.TryGetValue(referrer.Kind, out var specs))
                specsOf[referrer.Kind] = specs = [.. _specs.Where(s => s.Kind is null || s.Kind == referrer.Kind)];
            var root = referrer.Root;
            foreach (var spec in specs)
                root = (MapNode)Rewrite(root, spec.Path, 0, new Referrer(renamed, spec.ReferencedKind, referrer));
            result.Add(ReferenceEquals(root, referrer.Root) ? referrer : referrer.WithRoot(root));
        }
        return result;
    }

    /// <summary>What a reference made by one field of one object may point at.</summary>
    private readonly record struct Referrer(ILookup<(string, string, string), KubeObject> Renamed, string ReferencedKind, KubeObject Object)
    {
        public string? NewName(string name) => NameReferences.NewName(Renamed[(ReferencedKind, Namespace(Object.Namespace), name)], Object);
    }

    private static string Namespace(string? ns) => ns ?? "default";

    private static string? NewName(IEnumerable<KubeObject> candidates, KubeObject referrer)
    {
        var list = candidates.ToList();
        return list.Count <= 1 ? list.FirstOrDefault()?.Name : list.FirstOrDefault(c => Affixes(c) == Affixes(referrer))?.Name;
    }

    /// <summary>The prefix and suffix kustomize put around a declared name (before any hash).</summary>
    private static (string, string) Affixes(KubeObject o)
    {
        var name = o.NameBeforeHash ?? o.Name;
        var declared = o.OriginalName ?? o.Name;
        var at = name.IndexOf(declared, StringComparison.Ordinal);
        return at < 0 ? ("", "") : (name[..at], name[(at + declared.Length)..]);
    }

    private static Node Rewrite(Node node, string[] path, int at, Referrer referrer)
    {
        switch (node)
        {
            case ListNode list:
                Node[]? items = null;
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var item = Rewrite(list.Items[i], path, at, referrer);
                    if (ReferenceEquals(item, list.Items[i])) continue;
                    items ??= [.. list.Items];
                    items[i] = item;
                }
                return items is null ? list : new ListNode(list.Place, items);
            case MapNode map when at < path.Length && map[path[at]] is { } child:
                if (at == path.Length - 1)
                    return child is ScalarNode { IsKnown: true, Value: { } name } scalar && referrer.NewName(name) is { } renamed
                        ? map.With(path[at], new ScalarNode(scalar.Place, renamed, quoted: true))
                        : map;
                var rewritten = Rewrite(child, path, at + 1, referrer);
                return ReferenceEquals(rewritten, child) ? map : map.With(path[at], rewritten);
            default:
                return node;
        }
    }
}
