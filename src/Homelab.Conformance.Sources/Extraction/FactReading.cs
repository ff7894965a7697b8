using System.Globalization;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Extraction;

/// <summary>
/// Turns document values into facts. A value that cannot be known offline (SOPS, an unresolved
/// variable) or is not of the expected type becomes an unknown fact with the reason, never a guess.
/// </summary>
public static class FactReading
{
    public static Fact<string>? Text(Node? node) => node switch
    {
        ScalarNode { IsKnown: false } s => Fact<string>.NotKnown(s.Origin, s.Unknown!),
        ScalarNode { IsNull: false } s => new Fact<string>(s.Value!, s.Origin),
        _ => null,
    };

    public static Fact<bool>? Bool(Node? node) => node switch
    {
        ScalarNode { IsKnown: false } s => Fact<bool>.NotKnown(s.Origin, s.Unknown!),
        ScalarNode { IsNull: false } s => s.AsBool() is { } b ? new Fact<bool>(b, s.Origin) : Fact<bool>.NotKnown(s.Origin, $"'{s.Value}' is not a boolean"),
        _ => null,
    };

    public static Fact<long>? Int(Node? node) => node switch
    {
        ScalarNode { IsKnown: false } s => Fact<long>.NotKnown(s.Origin, s.Unknown!),
        ScalarNode { IsNull: false } s => s.AsInt() is { } n ? new Fact<long>(n, s.Origin) : Fact<long>.NotKnown(s.Origin, $"'{s.Value}' is not a whole number"),
        _ => null,
    };

    /// <summary>The fact, or the documented default of a setting nobody wrote.</summary>
    public static Fact<T> OrDefault<T>(Fact<T>? fact, T fallback, string owner, string setting, Evidence near) =>
        fact ?? new Fact<T>(fallback, new DefaultEvidence(owner, setting, Convert.ToString(fallback, CultureInfo.InvariantCulture) ?? "", near));

    /// <summary>The Ready condition of a Flux or Rook object's status, when it reports one.</summary>
    public static Fact<bool>? ReadyCondition(KubeObject o)
    {
        var ready = o.Root.List("status.conditions")?.Items.OfType<MapNode>().FirstOrDefault(c => c.Text("type") == "Ready");
        return ready?["status"] is ScalarNode status
            ? new Fact<bool>(status.Value == "True", status.Origin)
            : null;
    }
}
