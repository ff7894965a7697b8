using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// A field of a Flux object in a shape Flux's API rejects (a list where a mapping belongs, a word
/// where true or false does), at the field's own place. Readers log it as an input error.
/// </summary>
public sealed record FluxParseError(Evidence At, string Cause)
{
    public override string ToString() => $"{At.Location}: {Cause}";
}
