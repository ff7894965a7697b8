using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Flux;

/// <summary>A Flux Kustomization as reached from the entry, with its path resolved in the repo.</summary>
public sealed record ReachedKustomization(KubeObject Object, string? RepoPath, Fact<string>? Path, Fact<bool>? PathExists);

/// <summary>A tree Flux applies that the reader could not read, and why: anything may be in it.</summary>
public sealed record UnreadTree(Evidence At, string Why)
{
    public override string ToString() => $"{Why} ({At.Location})";
}

/// <summary>What Flux would apply from the repo: every object, after kustomize, substitution and targetNamespace.</summary>
public sealed class RenderedRepo
{
    private readonly ObjectIndex _index = new();

    // Objects is only ever appended to: the index catches up with its tail on each lookup.
    private int _indexed;

    public List<KubeObject> Objects { get; } = [];

    public List<ReachedKustomization> Kustomizations { get; } = [];

    /// <summary>Trees Flux applies that were not read (a source outside the repo, a refused build), with why.</summary>
    public List<UnreadTree> Unread { get; } = [];

    /// <summary>The first object of a kind and name in the namespace, in render order (<see cref="ObjectIndex"/>'s rule).</summary>
    public KubeObject? Find(string kind, string? ns, string name) => CaughtUp().Find(kind, ns, name);

    /// <summary>Every object of a kind in the namespace, in render order.</summary>
    public IEnumerable<KubeObject> OfKind(string kind, string? ns) => CaughtUp().OfKind(kind, ns);

    private ObjectIndex CaughtUp()
    {
        for (; _indexed < Objects.Count; _indexed++) _index.Add(Objects[_indexed]);
        return _index;
    }
}
