using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git;

/// <summary>
/// Objects by kind and name, for following Flux references: the one index behind both the repo's
/// (<see cref="RepoIndex"/>) and the rendered repo's (<see cref="Flux.RenderedRepo"/>) lookups, so
/// both match namespaces by one rule. A reference without a namespace means its referrer's, as
/// Flux reads it (<see cref="Sources.Flux.FluxObjectRef.NamespaceFrom"/>); a namespace nobody wrote
/// (an object without one, or a referrer without one) is only given where Flux applies the object,
/// so offline it matches any. Among matches, the first one added wins.
/// </summary>
public sealed class ObjectIndex
{
    // Most kinds and names are one object's: the first of each is kept apart, a list only for those that follow.
    private readonly Dictionary<(string Kind, string Name), KubeObject> _firstByKindAndName = [];
    private readonly Dictionary<(string Kind, string Name), List<KubeObject>> _moreByKindAndName = [];
    private readonly Dictionary<string, List<KubeObject>> _byKind = new(StringComparer.Ordinal);

    public void Add(KubeObject o)
    {
        if (!_firstByKindAndName.TryAdd((o.Kind, o.Name), o))
        {
            if (!_moreByKindAndName.TryGetValue((o.Kind, o.Name), out var more)) _moreByKindAndName[(o.Kind, o.Name)] = more = [];
            more.Add(o);
        }
        if (!_byKind.TryGetValue(o.Kind, out var ofKind)) _byKind[o.Kind] = ofKind = [];
        ofKind.Add(o);
    }

    /// <summary>The first object of a kind and name in the namespace.</summary>
    public KubeObject? Find(string kind, string? ns, string name)
    {
        if (!_firstByKindAndName.TryGetValue((kind, name), out var first)) return null;
        if (InNamespace(first, ns)) return first;
        if (!_moreByKindAndName.TryGetValue((kind, name), out var more)) return null;
        foreach (var o in more)
            if (InNamespace(o, ns)) return o;
        return null;
    }

    /// <summary>Every object of a kind in the namespace, in the order added.</summary>
    public IEnumerable<KubeObject> OfKind(string kind, string? ns) =>
        _byKind.TryGetValue(kind, out var objects) ? objects.Where(o => InNamespace(o, ns)) : [];

    /// <summary>The rule: the namespaces are the same, or one of them is not written.</summary>
    public static bool InNamespace(KubeObject o, string? ns) => ns is null || o.Namespace is null || o.Namespace == ns;
}
