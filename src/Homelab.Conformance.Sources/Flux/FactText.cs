using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>Reading a view's string fields where only a known value helps (a name, a URL to compare).</summary>
public static class FactText
{
    /// <summary>The text of a field when it is there and known offline; null when absent, unknown or malformed.</summary>
    public static string? Known(this Fact<string>? fact) => fact is { IsKnown: true } known ? known.Value : null;
}
