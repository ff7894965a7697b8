using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Sources.Flux;

public static class FactText
{
    /// <summary>The text of a field when it is there and known offline; null when absent, unknown or malformed.</summary>
    public static string? Known(this Fact<string>? fact) => fact is { IsKnown: true } known ? known.Value : null;
}
