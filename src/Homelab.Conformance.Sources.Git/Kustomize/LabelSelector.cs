using System.Globalization;
using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// A Kubernetes label selector as <c>labels.Parse</c> reads it (kustomize's patch targets and
/// replacements use it): terms joined by commas, each <c>key</c>, <c>!key</c>, <c>key=v</c>,
/// <c>key==v</c>, <c>key!=v</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>, <c>key&gt;n</c> or
/// <c>key&lt;n</c>; every term must hold. <c>!=</c> and <c>notin</c> hold when the label is absent.
/// </summary>
internal static partial class LabelSelector
{
    [GeneratedRegex(@"^\s*(?<key>[^\s!=<>,()]+)\s+(?<op>in|notin)\s*\((?<values>[^)]*)\)\s*$")]
    private static partial Regex SetTerm();

    [GeneratedRegex(@"^\s*(?<key>[^\s!=<>,()]+)\s*(?<op>==|=|!=|>|<)\s*(?<value>[^\s,()]*)\s*$")]
    private static partial Regex ValueTerm();

    public static bool Selects(string? selector, MapNode? labels)
    {
        if (string.IsNullOrWhiteSpace(selector)) return true;
        string? Label(string key) => (labels?[key] as ScalarNode)?.Value;
        return Terms(selector).All(term => Holds(term.Trim(), Label));
    }

    private static bool Holds(string term, Func<string, string?> label)
    {
        if (SetTerm().Match(term) is { Success: true } set)
        {
            var values = set.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var actual = label(set.Groups["key"].Value);
            var member = actual is not null && values.Contains(actual, StringComparer.Ordinal);
            return set.Groups["op"].Value == "in" ? member : !member;
        }
        if (ValueTerm().Match(term) is { Success: true } pair)
        {
            var actual = label(pair.Groups["key"].Value);
            var value = pair.Groups["value"].Value;
            return pair.Groups["op"].Value switch
            {
                "=" or "==" => actual == value,
                "!=" => actual != value,
                var op => long.TryParse(actual, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bound)
                    && (op == ">" ? n > bound : n < bound),
            };
        }
        return term.StartsWith('!') ? label(term[1..].Trim()) is null : label(term) is not null;
    }

    /// <summary>The terms: commas split them, but not those inside a set's parentheses.</summary>
    private static IEnumerable<string> Terms(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }
        yield return selector[start..];
    }
}
