using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Flux;

/// <summary>
/// Flux post-build variable substitution, with the functions of the envsubst Flux uses:
/// <c>${VAR}</c>, defaults (<c>:=</c>, <c>:-</c>, <c>=</c>, <c>-</c>), case (<c>^ ^^ , ,,</c>),
/// length (<c>${#VAR}</c>), substrings (<c>:n:len</c>), trimming (<c># ## % %%</c>, glob patterns),
/// replacing (<c>/ // /# /%</c>), and <c>$${VAR}</c> to escape. A variable whose value cannot be
/// known offline (an encrypted or absent source) makes the value unknown, never a guess.
/// </summary>
public sealed partial class Substitution
{
    /// <summary>A variable's value, or why it is not known, and where it was defined.</summary>
    public sealed record Variable(string? Value, string Source, string? Unknown = null);

    private readonly Dictionary<string, Variable> _variables;
    private readonly Dictionary<string, Variable>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly IReadOnlyList<string> _unreadableSources;
    private readonly Dictionary<string, string> _usedLabels = new(StringComparer.Ordinal);

    /// <summary>One buffer for the text of every scalar substituted (a substitution runs on one thread).</summary>
    private readonly System.Text.StringBuilder _text = new();

    /// <summary>The variables, by name; <paramref name="variables"/> must compare names ordinally.</summary>
    public Substitution(Dictionary<string, Variable> variables, IReadOnlyList<string> unreadableSources)
    {
        _variables = variables;
        _lookup = variables.GetAlternateLookup<ReadOnlySpan<char>>();
        _unreadableSources = unreadableSources;
    }

    public static readonly Substitution None = new([], []);

    /// <summary>An innermost reference: nested ones (<c>${PVC:=${APP}}</c>) are evaluated inside out, as envsubst does.</summary>
    [GeneratedRegex(@"\$\{(#?)([_a-zA-Z][_a-zA-Z0-9]*)([^}$]*)\}")]
    private static partial Regex Reference();

    /// <summary>Stands for an escaped <c>$${</c> while references are evaluated, so what it escapes is never substituted.</summary>
    private const string Escaped = "\u0001{";

    /// <summary>Stands for a reference left as written (unknown), so a later pass does not judge it again.</summary>
    private const string Unresolved = "\u0002{";

    private static string Kept(ReadOnlySpan<char> match) => string.Concat(Unresolved, match[2..]);

    /// <summary>What drone/envsubst reads as "the value, or this if empty" (it treats <c>:? :+ +</c> so too).</summary>
    private static readonly string[] Defaults = [":=", ":-", ":?", ":+", "=", "-", "+"];

    public bool IsEmpty => _variables.Count == 0 && _unreadableSources.Count == 0;

    /// <summary>The object with every scalar substituted; undefined variables are reported through <paramref name="report"/>.</summary>
    public KubeObject Apply(KubeObject o, Action<Evidence, string> report)
    {
        if (o.Root.Map("metadata.annotations")?["kustomize.toolkit.fluxcd.io/substitute"] is ScalarNode { Value: "disabled" }) return o;
        var root = (MapNode)Walk(o.Root, report);
        return ReferenceEquals(root, o.Root) ? o : o.WithRoot(root);
    }

    /// <summary>The tree with its references substituted; a subtree with none is returned as it is, not copied.</summary>
    private Node Walk(Node node, Action<Evidence, string> report)
    {
        switch (node)
        {
            case MapNode m:
                KeyValuePair<string, Node>[]? entries = null;
                for (var i = 0; i < m.Entries.Count; i++)
                {
                    var (key, value) = m.Entries[i];
                    var walked = Walk(value, report);
                    if (ReferenceEquals(walked, value)) continue;
                    entries ??= [.. m.Entries];
                    entries[i] = new(key, walked);
                }
                return entries is null ? m : new MapNode(m.Place, entries);
            case ListNode l:
                Node[]? items = null;
                for (var i = 0; i < l.Items.Count; i++)
                {
                    var walked = Walk(l.Items[i], report);
                    if (ReferenceEquals(walked, l.Items[i])) continue;
                    items ??= [.. l.Items];
                    items[i] = walked;
                }
                return items is null ? l : new ListNode(l.Place, items);
            case ScalarNode { IsKnown: true, Value: { } text } s when text.Contains("${", StringComparison.Ordinal):
                return Substitute(s, text, report);
            default:
                return node;
        }
    }

    private ScalarNode Substitute(ScalarNode s, string text, Action<Evidence, string> report)
    {
        string? unknown = null;
        string? via = null; // the variables used, as the evidence lists them
        void Use(string label) => via = via is null ? label : $"{via}, {label}";
        string Resolve(ReadOnlySpan<char> match, ReadOnlySpan<char> name, ReadOnlySpan<char> rest, string function)
        {
            if (!Understood(function))
            {
                unknown ??= $"${{{name}{rest}}} is not a substitution Flux understands";
                return Kept(match);
            }
            if (_lookup.TryGetValue(name, out var key, out var v))
            {
                Use(UsedLabel(key, v));
                if (v.Unknown is not null) { unknown ??= $"${{{key}}} is {v.Unknown} ({v.Source})"; return Kept(match); }
                return Evaluate(v.Value ?? "", function);
            }
            if (DefaultOf(function) is not null) { Use($"${{{name}}} default"); return Evaluate("", function); }
            if (_unreadableSources.Count > 0)
            {
                unknown ??= $"${{{name}}} may come from {string.Join(", ", _unreadableSources)}, which cannot be read offline";
                return Kept(match);
            }
            unknown ??= $"${{{name}}} is not defined";
            report(s.Origin, $"variable ${{{name}}} is set by no postBuild substitute or substituteFrom source; Flux would substitute an empty string");
            return Kept(match);
        }
        // Inside out: each pass evaluates the innermost references, until none is left or none changes.
        var work = text.Replace("$${", Escaped, StringComparison.Ordinal);
        for (var before = ""; work != before && work.Contains("${", StringComparison.Ordinal);)
        {
            before = work;
            // The references found by position, their parts read from the text: no Match objects per reference.
            var replaced = false;
            var copied = 0;
            foreach (var m in Reference().EnumerateMatches(work))
            {
                var match = work.AsSpan(m.Index, m.Length);
                var hash = match[2] == '#';
                var nameStart = hash ? 3 : 2;
                var nameLength = 0;
                while (char.IsAsciiLetterOrDigit(match[nameStart + nameLength]) || match[nameStart + nameLength] == '_') nameLength++;
                var rest = match.Slice(nameStart + nameLength, match.Length - nameStart - nameLength - 1);
                var function = hash ? (rest.Length == 0 ? "#" : string.Concat("#", rest)) : rest.Length == 0 ? "" : rest.ToString();
                if (!replaced) _text.Clear();
                replaced = true;
                _text.Append(work, copied, m.Index - copied).Append(Resolve(match, match.Slice(nameStart, nameLength), rest, function));
                copied = m.Index + m.Length;
            }
            if (replaced) work = _text.Append(work, copied, work.Length - copied).ToString();
        }
        var result = work.Replace(Escaped, "${", StringComparison.Ordinal).Replace(Unresolved, "${", StringComparison.Ordinal);
        // The evidence, with the variables used, is made only if a finding asks for it.
        return new ScalarNode(via is null ? s.Place : s.Place.Via(via), result, s.Quoted, unknown) { Content = s.Content };
    }

    /// <summary>How a variable's use reads in the evidence; the same for every scalar, so made once per variable.</summary>
    private string UsedLabel(string name, Variable v)
    {
        if (!_usedLabels.TryGetValue(name, out var label)) _usedLabels[name] = label = $"${{{name}}} from {v.Source}";
        return label;
    }

    /// <summary>The envsubst default operator a function starts with, or null.</summary>
    private static string? DefaultOf(string function)
    {
        foreach (var d in Defaults)
            if (function.StartsWith(d, StringComparison.Ordinal)) return d;
        return null;
    }

    private static bool Understood(string function) =>
        function.Length == 0 || function == "#" || DefaultOf(function) is not null
        || function is "^" or "^^" or "," or ",,"
        || (function[0] is '#' or '%' or '/' or ':' && function.Length > 1);

    /// <summary>One variable's value through an envsubst function (as drone/envsubst: defaults apply to an empty value too).</summary>
    private static string Evaluate(string value, string function)
    {
        if (function.Length == 0) return value;
        if (function == "#") return value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (DefaultOf(function) is { } d)
            return value.Length == 0 ? function[d.Length..] : value;
        switch (function)
        {
            case "^^": return value.ToUpperInvariant();
            case ",,": return value.ToLowerInvariant();
            case "^": return value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];
            case ",": return value.Length == 0 ? value : char.ToLowerInvariant(value[0]) + value[1..];
        }
        if (function[0] is '#' or '%')
        {
            var longest = function.Length > 1 && function[1] == function[0];
            return Trim(value, function[(longest ? 2 : 1)..], longest, fromEnd: function[0] == '%');
        }
        if (function.StartsWith(':')) return Substring(value, function[1..].Split(':'));
        var (kind, rest) = function.StartsWith("//", StringComparison.Ordinal) ? ("//", function[2..])
            : function.StartsWith("/#", StringComparison.Ordinal) ? ("/#", function[2..])
            : function.StartsWith("/%", StringComparison.Ordinal) ? ("/%", function[2..]) : ("/", function[1..]);
        var slash = rest.IndexOf('/');
        var (pattern, replacement) = slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
        if (pattern.Length == 0) return value;
        return kind switch
        {
            "//" => value.Replace(pattern, replacement, StringComparison.Ordinal),
            "/#" => value.StartsWith(pattern, StringComparison.Ordinal) ? replacement + value[pattern.Length..] : value,
            "/%" => value.EndsWith(pattern, StringComparison.Ordinal) ? value[..^pattern.Length] + replacement : value,
            _ => value.IndexOf(pattern, StringComparison.Ordinal) is var at and >= 0 ? value[..at] + replacement + value[(at + pattern.Length)..] : value,
        };
    }

    /// <summary>bash's <c>${var:n}</c> and <c>${var:n:len}</c>; a negative offset counts from the end.</summary>
    private static string Substring(string value, string[] args)
    {
        if (!int.TryParse(args[0].Trim(), out var position)) return value;
        if (position < 0) position = Math.Max(0, value.Length + position);
        if (position >= value.Length) return "";
        if (args.Length < 2) return value[position..];
        if (!int.TryParse(args[1], out var length)) return value;
        return position + length >= value.Length ? value[position..] : value[position..(position + length)];
    }

    /// <summary>The value without the shortest or longest start (or end) the glob matches.</summary>
    private static string Trim(string value, string glob, bool longest, bool fromEnd)
    {
        if (Glob(glob) is not { } pattern) return value;
        var lengths = longest ? Enumerable.Range(0, value.Length + 1).Reverse() : Enumerable.Range(0, value.Length + 1);
        foreach (var n in lengths)
        {
            var (trimmed, kept) = fromEnd ? (value[(value.Length - n)..], value[..(value.Length - n)]) : (value[..n], value[n..]);
            if (pattern.IsMatch(trimmed)) return kept;
        }
        return value;
    }

    /// <summary>A shell glob (<c>*</c>, <c>?</c>, <c>[...]</c>) as an anchored regex; null for a malformed class (the value stays, as envsubst leaves it).</summary>
    private static Regex? Glob(string glob)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*') regex.Append(".*");
            else if (c == '?') regex.Append('.');
            else if (c == '[' && glob.IndexOf(']', i + 1) is var close and > 0)
            {
                regex.Append('[').Append(glob[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                i = close;
            }
            else regex.Append(Regex.Escape(c.ToString()));
        }
        try { return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException) { return null; }
    }
}
