namespace Homelab.Conformance.Sources.Flux;

/// <summary>Which parts a kind of reference has in Flux's API; a part it lacks is not read even when written.</summary>
[Flags]
internal enum FluxRefParts
{
    Name = 0,
    Kind = 1,
    Namespace = 2,
    Optional = 4,
}
