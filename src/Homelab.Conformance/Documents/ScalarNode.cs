using System.Globalization;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Documents;

/// <summary>
/// A scalar. <see cref="Unknown"/> holds why its value cannot be known offline: a SOPS
/// <c>ENC[...]</c> value or a <c>${VAR}</c> that no substitution resolves. An unknown value is
/// never a violation and its text is never shown.
/// </summary>
public sealed class ScalarNode(Evidence origin, string? value, bool quoted = false, string? unknown = null) : Node(origin)
{
    /// <summary>The text; null for YAML null (<c>~</c>, <c>null</c>, empty).</summary>
    public string? Value { get; } = value;

    /// <summary>Quoted scalars are strings even when they read like <c>true</c> or <c>3</c>.</summary>
    public bool Quoted { get; } = quoted;

    public string? Unknown { get; } = unknown;

    public bool IsKnown => Unknown is null;

    public bool IsNull => Value is null;

    public bool? AsBool() => !IsKnown || Value is null ? null : Value.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };

    public long? AsInt() =>
        IsKnown && long.TryParse(Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static ScalarNode Null(Evidence origin) => new(origin, null);

    public static bool IsEncrypted(string? text) => text is not null && text.StartsWith("ENC[", StringComparison.Ordinal) && text.EndsWith(']');

    public override string ToString() => IsKnown ? Value ?? "null" : $"<{Unknown}>";
}
