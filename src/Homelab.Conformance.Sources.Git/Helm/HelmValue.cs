using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Sources.Git.Helm;

/// <summary>A chart value read as Helm hands it to the chart's templates.</summary>
internal static class HelmValue
{
    /// <summary>A boolean value as Helm reads its YAML (<see cref="YamlBooleans.Helm"/>); a quoted or other string is unknown, with why.</summary>
    public static Fact<bool>? Bool(Node? node) => node switch
    {
        ScalarNode { IsKnown: false } s => Fact<bool>.NotKnown(s.Origin, s.Unknown!),
        ScalarNode { IsNull: false } s => YamlBooleans.Helm(s) switch
        {
            ({ } value, _) => new Fact<bool>(value, s.Origin),
            (_, var why) => Fact<bool>.NotKnown(s.Origin, why!),
        },
        _ => null,
    };

    private static readonly string[] ParseBoolTrue = ["1", "t", "T", "TRUE", "true", "True"];
    private static readonly string[] ParseBoolFalse = ["0", "f", "F", "FALSE", "false", "False"];

    /// <summary>
    /// A value the chart quotes into a ConfigMap that its program parses with Go's strconv.ParseBool
    /// (the rook-ceph operator's <c>csi.*</c> switches): a boolean as Helm reads it, or a string in
    /// ParseBool's forms (<c>"true"</c>, <c>"1"</c>, <c>"t"</c>, ...); anything else is unknown.
    /// </summary>
    public static Fact<bool>? ParsedBool(Node? node)
    {
        if (node is not ScalarNode { IsNull: false, IsKnown: true } s || !s.Quoted) return Bool(node);
        if (ParseBoolTrue.Contains(s.Value)) return new Fact<bool>(true, s.Origin);
        if (ParseBoolFalse.Contains(s.Value)) return new Fact<bool>(false, s.Origin);
        return Fact<bool>.NotKnown(s.Origin, $"\"{s.Value}\" is not a boolean the program reading it takes (strconv.ParseBool)");
    }
}
