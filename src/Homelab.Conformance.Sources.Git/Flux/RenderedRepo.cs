using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Sources.Git.Flux;

/// <summary>A Flux Kustomization as reached from the entry, with its path resolved in the repo.</summary>
public sealed record ReachedKustomization(KubeObject Object, string? RepoPath, Fact<string>? Path, Fact<bool>? PathExists);

/// <summary>What Flux would apply from the repo: every object, after kustomize, substitution and targetNamespace.</summary>
public sealed class RenderedRepo
{
    public List<KubeObject> Objects { get; } = [];
    public List<ReachedKustomization> Kustomizations { get; } = [];

    // Objects is only ever appended to: the index catches up with its tail on each lookup.
    private readonly Dictionary<(string Kind, string Name), List<KubeObject>> _byKindAndName = [];
    private int _indexed;

    /// <summary>The first object of a kind and name in the namespace (an object without one matches any).</summary>
    public KubeObject? Find(string kind, string? ns, string name)
    {
        for (; _indexed < Objects.Count; _indexed++)
        {
            var o = Objects[_indexed];
            if (!_byKindAndName.TryGetValue((o.Kind, o.Name), out var list)) _byKindAndName[(o.Kind, o.Name)] = list = [];
            list.Add(o);
        }
        if (!_byKindAndName.TryGetValue((kind, name), out var candidates)) return null;
        foreach (var o in candidates)
            if ((o.Namespace ?? ns) == ns) return o;
        return null;
    }
}
