using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Facts;

/// <summary>
/// A value a source shows, with where it came from. When <see cref="Unknown"/> is set the value
/// could not be known offline (encrypted, an unresolved variable) and rules treat it as
/// inconclusive, never as a violation.
/// </summary>
public sealed record Fact<T>(T Value, Evidence Evidence)
{
    public string? Unknown { get; init; }

    public bool IsKnown => Unknown is null;

    public static Fact<T> NotKnown(Evidence evidence, string why) => new(default!, evidence) { Unknown = why };

    public override string ToString() => IsKnown ? $"{Value}" : $"<{Unknown}>";
}
