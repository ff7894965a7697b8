namespace Homelab.Conformance.Facts;

/// <summary>
/// Something in the input that could not be read or resolved (bad YAML, a missing file, an
/// unresolvable variable). It is reported with its place, and every rule still runs.
/// </summary>
public sealed record InputProblem(Evidence Where, string Cause)
{
    public override string ToString() => $"{Where.Location}: {Cause}";
}
