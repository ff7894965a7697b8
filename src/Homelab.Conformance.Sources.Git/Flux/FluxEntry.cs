using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Flux;

/// <summary>
/// Where Flux starts applying the repo for one cluster: the Kustomization that syncs it. For
/// <c>flux bootstrap</c> that is the repo's own <c>flux-system</c> Kustomization (gotk-sync.yaml);
/// for the Flux Operator (a <c>FluxInstance</c>, or the <c>flux-instance</c> chart's
/// <c>instance.sync</c> values) it is made in the cluster, with its source, both named after the
/// namespace: <see cref="Bootstrap"/> holds those, so references to them resolve.
/// </summary>
public sealed record FluxEntry(string Path, string How, Evidence At, KubeObject Sync)
{
    /// <summary>Objects the bootstrap makes in the cluster that no file of the repo holds (the sync source and Kustomization).</summary>
    public IReadOnlyList<KubeObject> Bootstrap { get; init; } = [];

    /// <summary>The object of the repo that names this entry (the sync Kustomization, FluxInstance or flux-instance HelmRelease).</summary>
    public KubeObject? DeclaredBy { get; init; }

    /// <summary>The URL the sync source fetches, when known: a GitRepository of the same URL is this repo.</summary>
    public string? Url { get; init; }

    /// <summary>Whether <paramref name="name"/> names this entry: its path, or one segment of it (<c>main</c> for <c>kubernetes/main/flux</c>).</summary>
    public bool IsNamed(string name) =>
        string.Equals(Path, name.Trim('/').TrimStart('.', '/'), StringComparison.Ordinal) || Path.Split('/').Contains(name, StringComparer.Ordinal);

    public override string ToString() => $"{Path} ({How}, {At.Location})";
}
