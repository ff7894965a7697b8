using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Documents;

/// <summary>A Kubernetes object (from a repo file or the API) as a provenance-keeping tree.</summary>
public sealed class KubeObject(MapNode root)
{
    public MapNode Root { get; } = root;

    // The root never changes, so its identity is read once (lookups by kind and name are hot).
    private string? _apiVersion, _kind, _name, _group;
    private (string? Value, bool Read) _namespace;
    private ObjectRef? _ref;

    public string ApiVersion => _apiVersion ??= Root.Text("apiVersion") ?? "";
    public string Kind => _kind ??= Root.Text("kind") ?? "";
    public string Name => _name ??= Root.Text("metadata.name") ?? "";

    public string? Namespace
    {
        get
        {
            if (!_namespace.Read) _namespace = (Root.Text("metadata.namespace"), true);
            return _namespace.Value;
        }
    }

    /// <summary>The API group without version: <c>cilium.io</c> for <c>cilium.io/v2alpha1</c>, "" for core.</summary>
    public string Group => _group ??= ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public ObjectRef Ref => _ref ??= new(Kind, Namespace, Name);

    public Evidence Origin => Root.Origin;

    /// <summary>Where the object was written, for a node made in its place (<see cref="Node.Place"/>).</summary>
    public NodePlace Place => Root.Place;

    // What a generator or a rename gave the object, in one field that most objects leave null: a
    // rendered repo makes a few KubeObjects per object, and five fields each were a quarter of their size.
    private Naming? _naming;

    private sealed record Naming(bool GeneratedWithHashSuffix, string? Behavior, string? HashSuffix, string? OriginalName, string? NameBeforeHash);

    private static readonly Naming None = new(false, null, null, null, null);

    private Naming Named => _naming ?? None;

    private static Naming? NullIfNone(Naming naming) => naming == None ? null : naming;

    /// <summary>Made by a kustomize generator whose name gets a content-hash suffix.</summary>
    public bool GeneratedWithHashSuffix { get => Named.GeneratedWithHashSuffix; init => _naming = NullIfNone(Named with { GeneratedWithHashSuffix = value }); }

    /// <summary>A generator's behavior toward an existing object of the same name: create, merge or replace.</summary>
    public string? Behavior { get => Named.Behavior; init => _naming = NullIfNone(Named with { Behavior = value }); }

    /// <summary>A generated Secret's hash suffix, taken before its values are withheld; null when not known.</summary>
    public string? HashSuffix { get => Named.HashSuffix; init => _naming = NullIfNone(Named with { HashSuffix = value }); }

    /// <summary>The name the object was declared with, before kustomize changed it (namePrefix/nameSuffix, hash suffix); null when unchanged.</summary>
    public string? OriginalName { get => Named.OriginalName; init => _naming = NullIfNone(Named with { OriginalName = value }); }

    /// <summary>The name before kustomize appended the content hash (with any prefix and suffix); null when not hashed.</summary>
    public string? NameBeforeHash { get => Named.NameBeforeHash; init => _naming = NullIfNone(Named with { NameBeforeHash = value }); }

    /// <summary>The Flux Kustomization that applies the object (e.g. <c>Kustomization flux-system/apps</c>); null when not known.</summary>
    public string? AppliedBy { get; init; }

    /// <summary>The same object, as applied by <paramref name="kustomization"/>.</summary>
    public KubeObject AppliedFrom(string kustomization) => new(Root, this)
    {
        AppliedBy = kustomization,
        // The same tree: what was read of it holds.
        _apiVersion = _apiVersion, _kind = _kind, _name = _name, _group = _group, _namespace = _namespace, _ref = _ref,
    };

    /// <summary>Whether a mapping looks like a Kubernetes object (has apiVersion, kind and a name).</summary>
    public static bool IsObject(Node? node) =>
        node is MapNode m && m.Text("apiVersion") is not null && m.Text("kind") is not null;

    /// <summary>The object moved to a namespace, as kustomize's <c>namespace</c> and Flux's <c>targetNamespace</c> do; cluster-scoped kinds stay.</summary>
    public KubeObject WithNamespace(ScalarNode ns)
    {
        if (KubeKinds.IsClusterScoped(Kind)) return this;
        var metadata = Root.Map("metadata") ?? new MapNode(Root.Place, []);
        return WithRoot(Root.With("metadata", metadata.With("namespace", ns)));
    }

    /// <summary>A copy with another tree; what the build knows of the object (generator, names) goes along.</summary>
    public KubeObject WithRoot(MapNode root) => new(root, this);

    private KubeObject(MapNode root, KubeObject from) : this(root)
    {
        _naming = from._naming;
        AppliedBy = from.AppliedBy;
    }

    /// <summary>The object under a name kustomize gave it; the name keeps its declaration's evidence.</summary>
    public KubeObject Renamed(string name)
    {
        var metadata = Root.Map("metadata") ?? new MapNode(Root.Place, []);
        var at = Root.At("metadata.name")?.Place ?? Root.Place;
        return new(Root.With("metadata", metadata.With("name", new ScalarNode(at, name, quoted: true))), this) { OriginalName = OriginalName ?? Name };
    }

    /// <summary>The generated object with kustomize's content-hash suffix appended to its name.</summary>
    public KubeObject WithHashSuffix(string hash)
    {
        var renamed = Renamed($"{Name}-{hash}");
        return new(renamed.Root, renamed) { NameBeforeHash = Name };
    }

    /// <summary>Objects of a YAML document: the document itself, or the items of a <c>List</c>; SOPS metadata dropped, Secret values withheld.</summary>
    public static IReadOnlyList<KubeObject> FromDocument(Node? root)
    {
        var objects = new List<KubeObject>(1);
        AddFromDocument(root, objects);
        return objects;
    }

    /// <summary>Adds the objects of a document (<see cref="FromDocument"/>) to a list: a repo has tens of thousands.</summary>
    public static void AddFromDocument(Node? root, List<KubeObject> objects)
    {
        if (!IsObject(root)) return;
        var map = (MapNode)root!;
        if (map.Text("kind") is "List" or "ConfigMapList" && map.List("items") is { } items)
        {
            foreach (var item in items.Items) AddFromDocument(item, objects);
            return;
        }
        objects.Add(new KubeObject(SecretRedaction.Redact(map.Without("sops"))));
    }

    public override string ToString() => Ref.ToString();
}
