using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Flux;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// Builds a folder as kustomize would, offline: resources, components, generators, patches,
/// replicas, namespace, name prefix and suffix, replacements, then hash suffixes and the references
/// that follow renamed objects. A folder without a kustomization file is read as Flux reads it:
/// every manifest below it. Cycles, paths leaving the repo and missing files are problems, never
/// exceptions. <c>KubectlParityTests</c> compares its output with <c>kubectl kustomize</c>.
/// </summary>
public sealed class KustomizeBuilder(RepoFiles repo, ProblemLog problems)
{
    /// <summary>How deep kustomizations may include each other.</summary>
    public const int MaxDepth = 64;

    private static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>Keys that change the output but are not evaluated here; their presence is a warning.</summary>
    private static readonly string[] NotEvaluated = ["helmCharts", "vars"];

    /// <summary>The kinds kustomize's <c>replicas</c> sets <c>spec.replicas</c> on.</summary>
    private static readonly string[] Scalable = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"];

    /// <summary>Kinds namePrefix and nameSuffix leave alone, as kustomize does.</summary>
    private static readonly string[] KeepTheirNames = ["Namespace", "CustomResourceDefinition", "APIService"];

    private readonly List<string> _stack = [];
    private readonly Generators _generators = new(repo, problems);
    private readonly Patches _patches = new(repo, problems);
    private readonly Replacements _replacements = new(repo, problems);
    private NameReferences _references = new();

    /// <summary>
    /// Why <c>kubectl kustomize</c> would refuse the last folder built (the first error it ran into:
    /// a missing file, a patch that matches nothing, two resources with one id, ...), or null. A
    /// refused build is no build: Flux applies nothing of it, so its objects are not what the cluster holds.
    /// </summary>
    public InputProblem? Refusal { get; private set; }

    /// <summary>
    /// Objects of the last build whose apiVersion or kind is SOPS-encrypted: kustomize takes them as
    /// they are and Flux decrypts them when it applies them, so what they are is not known offline.
    /// </summary>
    public List<Evidence> Opaque { get; } = [];

    public static string? KustomizationFile(RepoFiles repo, string dir) =>
        FileNames.Select(n => dir.Length == 0 ? n : $"{dir}/{n}").FirstOrDefault(repo.IsFile);

    /// <summary>
    /// The objects a folder builds to; with a Flux Kustomization, also what Flux lays over
    /// its path (components, patches, name prefix and suffix), as the kustomization Flux generates does.
    /// </summary>
    public List<KubeObject> Build(string dir, Evidence referencedFrom, FluxKustomization? flux = null)
    {
        if (_stack.Contains(dir, StringComparer.Ordinal))
        {
            problems.Error(referencedFrom, $"kustomization cycle: {string.Join(" -> ", _stack.SkipWhile(d => d != dir).Append(dir))}");
            return [];
        }
        if (_stack.Count >= MaxDepth)
        {
            problems.Error(referencedFrom, $"kustomizations nest deeper than {MaxDepth} levels");
            return [];
        }
        var outermost = _stack.Count == 0;
        if (outermost)
        {
            _references = new NameReferences();
            Opaque.Clear();
        }
        using var watch = outermost ? problems.WatchErrors() : null;
        _stack.Add(dir);
        try
        {
            var overlay = outermost ? flux : null;
            var objects = KustomizationFile(repo, dir) is { } file ? Apply(file, dir, [], overlay) : Level(null, dir, BuildPlainFolder(dir), overlay);
            // As kustomize does, hash suffixes and the references that follow them come last, once per build.
            return outermost ? FinalNames.Apply(objects, _references, problems) : objects;
        }
        finally
        {
            _stack.RemoveAt(_stack.Count - 1);
            if (watch is not null) Refusal = watch.Errors.FirstOrDefault();
        }
    }

    /// <summary>What Flux does for a folder with no kustomization: every manifest, with sub-kustomizations built as such.</summary>
    private List<KubeObject> BuildPlainFolder(string dir)
    {
        var objects = new List<KubeObject>();
        foreach (var file in repo.YamlFilesUnder(dir, recursive: false))
            foreach (var doc in repo.ReadYaml(file))
            {
                if (IsOpaque(doc.Root)) Opaque.Add(doc.Root!.Origin);
                KubeObject.AddFromDocument(doc.Root, objects);
            }
        var full = repo.Absolute(dir);
        foreach (var sub in Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal))
        {
            var rel = repo.Relative(sub);
            if (Path.GetFileName(sub).StartsWith('.') || new DirectoryInfo(sub).LinkTarget is not null) continue;
            objects.AddRange(KustomizationFile(repo, rel) is not null ? Build(rel, new RepoEvidence(rel, 1, 1, "")) : BuildPlainFolder(rel));
        }
        return objects;
    }

    /// <summary>
    /// The transformations of one kustomization, in kustomize's order. A Flux Kustomization writes its
    /// own into the kustomization it builds: its components and patches are added to the file's, its
    /// targetNamespace, namePrefix and nameSuffix replace the file's.
    /// </summary>
    private List<KubeObject> Level(MapNode? k, string dir, List<KubeObject> objects, FluxKustomization? flux)
    {
        foreach (var entry in (k?.List("components")?.Items ?? []).OfType<ScalarNode>().Concat(flux?.Components ?? []))
            objects = Component(dir, entry, objects);
        if (k is not null)
        {
            foreach (var generated in _generators.Generate(k, dir))
                objects = Merge(objects, generated);
            objects = _patches.Apply(k, dir, objects);
        }
        if (flux is not null) objects = _patches.Apply(flux.Patches, dir, objects);
        foreach (var entry in k?.List("replicas")?.Items.OfType<MapNode>() ?? [])
            objects = Replicas(objects, entry);
        // The namespace transformer also names the Namespace objects of the build after the namespace.
        if ((flux?.TargetNamespace ?? k?.Scalar("namespace")) is { IsNull: false, IsKnown: true } ns)
            objects = objects.Select(o => o.Kind == "Namespace" && o.Group == "" ? o.Renamed(ns.Value!) : o.WithNamespace(ns)).ToList();
        var prefix = flux?.NamePrefix.Known() ?? k?.Text("namePrefix") ?? "";
        var suffix = flux?.NameSuffix.Known() ?? k?.Text("nameSuffix") ?? "";
        if (prefix.Length + suffix.Length > 0)
            objects = objects.Select(o => KeepTheirNames.Contains(o.Kind) ? o : o.Renamed(prefix + o.Name + suffix)).ToList();
        // As in kustomize, replacements come last, so they read and write the names and values the rest made.
        return k is null ? objects : _replacements.Apply(k, dir, objects);
    }

    private List<KubeObject> Apply(string file, string dir, List<KubeObject> objects, FluxKustomization? flux = null)
    {
        var documents = repo.ReadYaml(file);
        if (documents.FirstOrDefault()?.Root is not MapNode k)
        {
            if (documents.Count > 0) problems.Error(new RepoEvidence(file, 1, 1, ""), "a kustomization must be a mapping");
            return objects;
        }
        foreach (var key in NotEvaluated.Where(k.ContainsKey))
            problems.Warning(k[key]!.Origin, $"kustomize '{key}' is not evaluated by this reader; values it changes may be stale");

        foreach (var entry in k.List("configurations")?.Items.OfType<ScalarNode>() ?? [])
            Configuration(dir, entry);
        var ids = new HashSet<KubeObject>(objects, SameResourceId.Instance);
        foreach (var entry in (k.List("resources")?.Items ?? []).Concat(k.List("bases")?.Items ?? []).OfType<ScalarNode>())
            Accumulate(objects, ids, Resource(dir, entry), entry);
        return Level(k, dir, objects, flux);
    }

    /// <summary>
    /// A resource's objects added to those before it; as kustomize, an object whose id (apiVersion,
    /// kind, namespace, name) is already there is an error at the entry that brings it again.
    /// </summary>
    private void Accumulate(List<KubeObject> objects, HashSet<KubeObject> ids, IEnumerable<KubeObject> added, ScalarNode entry)
    {
        foreach (var o in added)
        {
            if (ids.Add(o)) objects.Add(o);
            else problems.Error(entry.Origin, $"resource '{entry.Value}' adds {o.Ref} a second time: kustomize refuses two resources with one id");
        }
    }

    /// <summary>
    /// Objects with one kustomize resource id (apiVersion, kind, namespace with "default" as none, and
    /// name) are the same resource; compared field by field, so no id is made for every object of every build.
    /// </summary>
    private sealed class SameResourceId : IEqualityComparer<KubeObject>
    {
        public static readonly SameResourceId Instance = new();

        public bool Equals(KubeObject? x, KubeObject? y) =>
            x is not null && y is not null && x.ApiVersion == y.ApiVersion && x.Kind == y.Kind && x.Name == y.Name && Namespace(x) == Namespace(y);

        public int GetHashCode(KubeObject o) => HashCode.Combine(o.ApiVersion, o.Kind, Namespace(o), o.Name);

        private static string Namespace(KubeObject o) => o.Namespace is null or "default" ? "" : o.Namespace;
    }

    /// <summary>One <c>replicas</c> entry: the count set on the scalable objects of that (current or declared) name.</summary>
    private List<KubeObject> Replicas(List<KubeObject> objects, MapNode entry)
    {
        var name = entry.Text("name");
        bool Named(KubeObject o) => Scalable.Contains(o.Kind) && (o.Name == name || o.OriginalName == name);
        if (name is null || entry.Scalar("count") is not { } count || count.AsInt() is null)
        {
            problems.Error(entry.Origin, "a replicas entry needs a name and a whole-number count");
            return objects;
        }
        if (!objects.Any(Named))
        {
            problems.Error(entry.Origin, $"replicas: no Deployment, StatefulSet, ReplicaSet or ReplicationController is named {name}");
            return objects;
        }
        return objects.Select(o => Named(o)
            ? o.WithRoot(o.Root.With("spec", (o.Root.Map("spec") ?? new MapNode(o.Place, [])).With("replicas", count)))
            : o).ToList();
    }

    private IEnumerable<KubeObject> Resource(string dir, ScalarNode entry)
    {
        if (NotAPath(entry)) return [];
        var path = entry.Value ?? "";
        if (path.Contains("://", StringComparison.Ordinal) || path.StartsWith("github.com/", StringComparison.Ordinal))
        {
            problems.Warning(entry.Origin, $"remote resource '{path}' is not fetched offline");
            return [];
        }
        if (repo.Resolve(dir, path, entry.Origin) is not { } resolved) return [];
        if (repo.IsDirectory(resolved))
        {
            if (KustomizationFile(repo, resolved) is not null) return Build(resolved, entry.Origin);
            // Only Flux reads a folder without one (a Kustomization's path); kustomize's resources do not.
            problems.Error(entry.Origin, $"resource '{path}' is a folder without kustomization.yaml: kustomize refuses it");
            return [];
        }
        if (!repo.IsFile(resolved))
        {
            problems.Error(entry.Origin, $"resource '{path}' does not exist");
            return [];
        }
        var objects = new List<KubeObject>();
        foreach (var doc in repo.ReadYaml(resolved, entry.Origin))
        {
            if (doc.Root is null) continue;
            if (IsOpaque(doc.Root))
            {
                problems.Warning(doc.Root.Origin, "apiVersion and kind are SOPS-encrypted: Flux decrypts the object when it applies it, so what it is is not known offline");
                Opaque.Add(doc.Root.Origin);
            }
            else if (!KubeObject.IsObject(doc.Root)) problems.Error(doc.Root.Origin, "resource is not a Kubernetes object (no apiVersion/kind)");
            KubeObject.AddFromDocument(doc.Root, objects);
        }
        return objects;
    }

    /// <summary>A document whose apiVersion or kind is there but encrypted: kustomize builds it as it is.</summary>
    private static bool IsOpaque(Node? root) =>
        root is MapNode m && m["apiVersion"] is ScalarNode { IsNull: false } api && m["kind"] is ScalarNode { IsNull: false } kind && (!api.IsKnown || !kind.IsKnown);

    /// <summary>
    /// kubectl reads a kustomization as YAML 1.1 (sigs.k8s.io/yaml): a plain <c>y</c>, <c>no</c> or
    /// <c>on</c> is a boolean there, not a path, and it refuses the file.
    /// </summary>
    private bool NotAPath(ScalarNode entry)
    {
        if (entry.Quoted || YamlBooleans.Helm(entry).Value is null) return false;
        problems.Error(entry.Origin, $"'{entry.Value}' is a boolean to kubectl (YAML 1.1), not a path: quote it");
        return true;
    }

    /// <summary>A kustomize configurations file: its nameReference entries teach the build which fields name generated objects.</summary>
    private void Configuration(string dir, ScalarNode entry)
    {
        if (repo.Resolve(dir, entry.Value ?? "", entry.Origin) is not { } file) return;
        if (!repo.IsFile(file))
        {
            problems.Error(entry.Origin, $"configuration '{entry.Value}' does not exist");
            return;
        }
        foreach (var document in repo.ReadYaml(file, entry.Origin))
            if (document.Root is MapNode configuration) _references.AddConfiguration(configuration);
    }

    private List<KubeObject> Component(string dir, ScalarNode entry, List<KubeObject> objects)
    {
        if (NotAPath(entry)) return objects;
        if (repo.Resolve(dir, entry.Value ?? "", entry.Origin) is not { } resolved) return objects;
        if (KustomizationFile(repo, resolved) is not { } file)
        {
            problems.Error(entry.Origin, $"component '{entry.Value}' has no kustomization file");
            return objects;
        }
        if (_stack.Contains(resolved, StringComparer.Ordinal))
        {
            problems.Error(entry.Origin, $"kustomization cycle through component '{entry.Value}'");
            return objects;
        }
        _stack.Add(resolved);
        try
        {
            return Apply(file, resolved, objects);
        }
        finally
        {
            _stack.RemoveAt(_stack.Count - 1);
        }
    }

    /// <summary>
    /// A generated object: new, or merged into / replacing the one of the same (current or declared)
    /// name, which must exist. The result keeps a hash suffix only if neither side turned it off.
    /// </summary>
    private List<KubeObject> Merge(List<KubeObject> objects, KubeObject generated)
    {
        if (generated.Behavior is not ("merge" or "replace")) return [.. objects, generated];
        var at = objects.FindIndex(o => o.Kind == generated.Kind && o.Namespace == generated.Namespace
            && (o.Name == generated.Name || o.OriginalName == generated.Name));
        if (at < 0)
        {
            problems.Error(generated.Origin, $"{generated.Kind} generator {generated.Name} has behavior {generated.Behavior}, but no {generated.Kind} of that name exists to {generated.Behavior}");
            return objects;
        }
        var result = objects.ToList();
        var existing = result[at];
        var root = generated.Behavior == "replace"
            ? generated.Root.With("metadata", existing.Root.Map("metadata") ?? generated.Root.Map("metadata")!)
            : StrategicMerge.Apply(existing.Root, generated.Root.Without("metadata"), builtIn: true);
        result[at] = new KubeObject(root)
        {
            GeneratedWithHashSuffix = existing.GeneratedWithHashSuffix && generated.GeneratedWithHashSuffix,
            Behavior = existing.Behavior,
            OriginalName = existing.OriginalName,
            // A merged Secret's plaintext is gone, so its new hash suffix cannot be known; a replaced one has the new values'.
            HashSuffix = generated.Behavior == "replace" ? generated.HashSuffix : null,
        };
        return result;
    }
}
