using System.Globalization;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Documents;

/// <summary>
/// A scalar. <see cref="Unknown"/> holds why its value cannot be known offline: a SOPS
/// <c>ENC[...]</c> value or a <c>${VAR}</c> that no substitution resolves. An unknown value is
/// never a violation and its text is never shown.
/// </summary>
public sealed class ScalarNode(NodePlace place, string? value, bool quoted = false, string? unknown = null) : Node(place)
{
    /// <summary>The text; null for YAML null (<c>~</c>, <c>null</c>, empty).</summary>
    public string? Value { get; } = value;

    /// <summary>Quoted scalars are strings even when they read like <c>true</c> or <c>3</c>.</summary>
    public bool Quoted => _style?.Quoted ?? false;

    public string? Unknown => _style?.Unknown;

    /// <summary>
    /// Where the text itself starts in a file, when it is a whole document of its own (a block
    /// scalar, a generated ConfigMap's file): values parsed from it then point at their own lines.
    /// </summary>
    public RepoEvidence? Content
    {
        get => _style?.Content ?? (IsLiteralBlock && Origin is RepoEvidence r ? r with { Line = r.Line + 1, Column = 1, YamlPath = "" } : null);
        init => _style = Style.Of(Quoted, IsLiteralBlock, Unknown, value);
    }

    /// <summary>A literal block (<c>|</c>) as read: its text starts on the line after its own, as a document of its own.</summary>
    internal bool IsLiteralBlock
    {
        get => _style?.Literal ?? false;
        init => _style = Style.Of(Quoted, value, Unknown, _style?.Content);
    }

    // All but the text in one field, null for a plain known scalar and shared for the common shapes:
    // a repo is hundreds of thousands of scalars, and four fields each were a fifth of their size.
    private readonly Style? _style = Style.Of(quoted, false, unknown, null);

    private sealed record Style(bool Quoted, bool Literal, string? Unknown, RepoEvidence? Content)
    {
        private static readonly Style QuotedText = new(true, false, null, null), LiteralBlock = new(true, true, null, null),
            Encrypted = new(false, false, EncryptedValue, null), QuotedEncrypted = new(true, false, EncryptedValue, null),
            Withheld = new(false, false, WithheldValue, null);

        public static Style? Of(bool quoted, bool literal, string? unknown, RepoEvidence? content) => (quoted, literal, unknown, content) switch
        {
            (false, false, null, null) => null,
            (true, false, null, null) => QuotedText,
            (true, true, null, null) => LiteralBlock,
            (false, false, EncryptedValue, null) => Encrypted,
            (true, false, EncryptedValue, null) => QuotedEncrypted,
            (false, false, WithheldValue, null) => Withheld,
            _ => new(quoted, literal, unknown, content),
        };
    }

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

    public const string EncryptedValue = "encrypted (SOPS)";

    /// <summary>A Secret's plaintext value: dropped when read, so no report can ever show it.</summary>
    public const string WithheldValue = "secret value withheld";

    public static ScalarNode Null(NodePlace place) => new(place, null);

    public static bool IsEncrypted(string? text) => text is not null && text.StartsWith("ENC[", StringComparison.Ordinal) && text.EndsWith(']');

    public override string ToString() => IsKnown ? Value ?? "null" : $"<{Unknown}>";
}
