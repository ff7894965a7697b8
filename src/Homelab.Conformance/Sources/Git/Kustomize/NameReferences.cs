using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

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

    /// <summary>Points every reference these fields make to a renamed object at its new name.</summary>
    public List<KubeObject> Rewrite(List<KubeObject> objects, IReadOnlyDictionary<ObjectRef, string> renamed)
    {
        if (renamed.Count == 0) return objects;
        return objects.Select(referrer =>
        {
            var root = referrer.Root;
            foreach (var spec in _specs.Where(s => s.Kind is null || s.Kind == referrer.Kind))
                root = (MapNode)Rewrite(root, spec.Path, 0, name =>
                    renamed.GetValueOrDefault(new ObjectRef(spec.ReferencedKind, referrer.Namespace, name)), spec.ReferencedKind);
            return ReferenceEquals(root, referrer.Root) ? referrer : referrer.WithRoot(root);
        }).ToList();
    }

    private static Node Rewrite(Node node, string[] path, int at, Func<string, string?> newName, string referencedKind)
    {
        switch (node)
        {
            case ListNode list:
                var items = list.Items.Select(item => Rewrite(item, path, at, newName, referencedKind)).ToList();
                return items.SequenceEqual(list.Items) ? list : new ListNode(list.Origin, items);
            case MapNode map when at < path.Length && map[path[at]] is { } child:
                // A reference that names its kind (valuesFrom, substituteFrom) is renamed only for that kind.
                if (at == path.Length - 1 && map.Text("kind") is { } kind && map.ContainsKey("name") && kind != referencedKind) return map;
                if (at == path.Length - 1)
                    return child is ScalarNode { IsKnown: true, Value: { } name } scalar && newName(name) is { } renamed
                        ? map.With(path[at], new ScalarNode(scalar.Origin, renamed, quoted: true))
                        : map;
                var rewritten = Rewrite(child, path, at + 1, newName, referencedKind);
                return ReferenceEquals(rewritten, child) ? map : map.With(path[at], rewritten);
            default:
                return node;
        }
    }
}
