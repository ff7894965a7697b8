namespace Homelab.Conformance.Provenance;

public enum Severity { Error, Warning }

/// <summary>
/// Something in the input that could not be read or resolved (bad YAML, a missing file, an
/// unresolvable variable). It is reported with its place, and every rule still runs. Errors
/// make a run non-conformant; warnings say what was not evaluated offline.
/// </summary>
public sealed record InputProblem(Evidence Where, string Cause, Severity Severity = Severity.Error)
{
    public override string ToString() => $"{Where.Location}: {Cause}";
}
