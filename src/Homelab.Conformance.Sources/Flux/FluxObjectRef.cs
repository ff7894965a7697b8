using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// A reference from one Flux object to another as written (<c>sourceRef</c>, <c>dependsOn</c>,
/// <c>valuesFrom</c>, ...): each part only where Flux's API has it, null when not written. Its
/// evidence is where the reference is written.
/// </summary>
public sealed record FluxObjectRef(string? Kind, string? Name, string? Namespace, Evidence At)
{
    /// <summary>Whether the target may be missing (<c>optional: true</c>).</summary>
    public bool Optional { get; init; }

    /// <summary>The target's namespace: as written, or else the referrer's, as Flux reads a reference.</summary>
    public string? NamespaceFrom(string? referrerNamespace) => Namespace ?? referrerNamespace;
}
