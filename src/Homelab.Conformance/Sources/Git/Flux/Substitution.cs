using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Sources.Git.Flux;

/// <summary>
/// Flux post-build variable substitution: <c>${VAR}</c>, <c>${VAR:=default}</c>,
/// <c>${VAR:-default}</c>, <c>$${VAR}</c> to escape. A variable whose value cannot be known
/// offline (it comes from an encrypted or absent source) makes the value unknown, never a guess.
/// </summary>
public sealed partial class Substitution
{
    /// <summary>A variable's value, or why it is not known, and where it was defined.</summary>
    public sealed record Variable(string? Value, string Source, string? Unknown = null);

    private readonly Dictionary<string, Variable> _variables;
    private readonly IReadOnlyList<string> _unreadableSources;

    public Substitution(Dictionary<string, Variable> variables, IReadOnlyList<string> unreadableSources)
    {
        _variables = variables;
        _unreadableSources = unreadableSources;
    }

    public static readonly Substitution None = new([], []);

    [GeneratedRegex(@"\$?\$\{([^}:=\-]+)(?:(:?[=-])([^}]*))?\}")]
    private static partial Regex Reference();

    public bool IsEmpty => _variables.Count == 0 && _unreadableSources.Count == 0;

    /// <summary>The object with every scalar substituted; undefined variables are reported through <paramref name="report"/>.</summary>
    public KubeObject Apply(KubeObject o, Action<Evidence, string> report)
    {
        if (o.Root.Map("metadata.annotations")?["kustomize.toolkit.fluxcd.io/substitute"] is ScalarNode { Value: "disabled" }) return o;
        return o.WithRoot((MapNode)Walk(o.Root, report));
    }

    private Node Walk(Node node, Action<Evidence, string> report) => node switch
    {
        MapNode m => new MapNode(m.Origin, m.Entries.Select(e => KeyValuePair.Create(e.Key, Walk(e.Value, report))).ToList()),
        ListNode l => new ListNode(l.Origin, l.Items.Select(i => Walk(i, report)).ToList()),
        ScalarNode { IsKnown: true, Value: { } text } s when text.Contains("${", StringComparison.Ordinal) => Substitute(s, text, report),
        _ => node,
    };

    private ScalarNode Substitute(ScalarNode s, string text, Action<Evidence, string> report)
    {
        string? unknown = null;
        var used = new List<string>();
        var result = Reference().Replace(text, m =>
        {
            if (m.Value.StartsWith("$$", StringComparison.Ordinal)) return m.Value[1..];
            var name = m.Groups[1].Value;
            var fallback = m.Groups[2].Success ? m.Groups[3].Value : null;
            if (_variables.TryGetValue(name, out var v))
            {
                used.Add($"${{{name}}} from {v.Source}");
                if (v.Unknown is not null) { unknown ??= $"${{{name}}} is {v.Unknown} ({v.Source})"; return m.Value; }
                return v.Value ?? "";
            }
            if (fallback is not null) { used.Add($"${{{name}}} default"); return fallback; }
            if (_unreadableSources.Count > 0)
            {
                unknown ??= $"${{{name}}} may come from {string.Join(", ", _unreadableSources)}, which cannot be read offline";
                return m.Value;
            }
            unknown ??= $"${{{name}}} is not defined";
            report(s.Origin, $"variable ${{{name}}} is set by no postBuild substitute or substituteFrom source; Flux would substitute an empty string");
            return m.Value;
        });
        var origin = s.Origin is RepoEvidence r && used.Count > 0 ? r with { Via = string.Join(", ", used) } : s.Origin;
        return new ScalarNode(origin, result, s.Quoted, unknown) { Content = s.Content };
    }
}
