namespace Homelab.Conformance.Provenance;

/// <summary>A Kubernetes object's identity: kind, namespace (null when cluster-scoped) and name.</summary>
public sealed record ObjectRef(string Kind, string? Namespace, string Name)
{
    /// <summary>The object as a waiver names it: <c>Kind/namespace/name</c>, or <c>Kind/name</c> when cluster-scoped.</summary>
    public string Path => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    /// <summary>Reads <see cref="Path"/>'s form back; null when the text is not of that form.</summary>
    public static ObjectRef? FromPath(string text) => text.Split('/') switch
    {
        [var kind, var name] when Named(kind, name) => new ObjectRef(kind, null, name),
        [var kind, var ns, var name] when Named(kind, ns, name) => new ObjectRef(kind, ns, name),
        _ => null,
    };

    private static bool Named(params string[] parts) => parts.All(p => p.Length > 0 && p.Trim() == p);

    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind} {Namespace}/{Name}";
}
