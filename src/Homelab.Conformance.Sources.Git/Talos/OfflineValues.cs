using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// Marks the values talhelper fills in at generation time as unknown: <c>${VAR}</c> comes from
/// talenv (often encrypted) and <c>{{ ... }}</c> is a Go template over the generated config.
/// Neither can be known offline, so neither may ever become a violation.
/// </summary>
internal static partial class OfflineValues
{
    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex Variable();

    public static Node Mark(Node node) => node switch
    {
        MapNode m => new MapNode(m.Place, m.Entries.Select(e => KeyValuePair.Create(e.Key, Mark(e.Value))).ToList()),
        ListNode l => new ListNode(l.Place, l.Items.Select(Mark).ToList()),
        ScalarNode { IsKnown: true, Value: { } text } s when Why(text) is { } why => new ScalarNode(s.Place, text, s.Quoted, why) { Content = s.Content },
        _ => node,
    };

    public static MapNode Mark(MapNode map) => (MapNode)Mark((Node)map);

    /// <summary>Why a text cannot be known offline, or null when it can.</summary>
    public static string? Why(string text)
    {
        if (Variable().Match(text) is { Success: true } variable) return $"talenv variable {variable.Value}, not resolved offline";
        if (text.Contains("{{", StringComparison.Ordinal)) return "template expression, not rendered offline";
        return null;
    }
}
