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

    public KubeObject? Find(string kind, string? ns, string name) =>
        Objects.FirstOrDefault(o => o.Kind == kind && o.Name == name && (o.Namespace ?? ns) == ns);
}
