using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Facts;

public sealed record KustomizationFact(ObjectRef Id, Evidence Evidence)
{
    public Fact<string>? Path { get; init; }

    /// <summary>Whether <see cref="Path"/> exists in its source (repo only; unknown for other sources).</summary>
    public Fact<bool>? PathExists { get; init; }

    public Fact<bool>? Ready { get; init; }

    /// <summary><c>spec.suspend</c>: a suspended Kustomization is not reconciled, so its Ready condition is from before.</summary>
    public Fact<bool>? Suspended { get; init; }
}

/// <summary>A reference from one Flux object to another: dependsOn, sourceRef, valuesFrom, substituteFrom.</summary>
public sealed record FluxReference(ObjectRef From, string Relation, ObjectRef Target, bool Optional, Evidence Evidence);

public sealed class FluxFacts
{
    public List<KustomizationFact> Kustomizations { get; } = [];
    public List<ObjectFact> HelmReleases { get; } = [];

    /// <summary>Flux sources (GitRepository, OCIRepository, HelmRepository, ...).</summary>
    public List<ObjectFact> Sources { get; } = [];

    public List<FluxReference> References { get; } = [];

    /// <summary>Every object the source holds, for resolving references.</summary>
    public HashSet<ObjectRef> Inventory { get; } = [];

    /// <summary>Objects kustomize renamed (namePrefix/nameSuffix, a generator's hash suffix), by their declared name.</summary>
    public Dictionary<ObjectRef, ObjectRef> Renamed { get; } = [];
}
