using System.Globalization;
using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// kustomize's field paths (<c>spec.template.spec.containers.[name=app].env.0.value</c>): dotted map
/// keys, list indexes, <c>[key=value]</c> list item selectors and <c>*</c> for every item.
/// </summary>
internal static class FieldPath
{
    /// <summary>The segments of a path; <c>[a.b/c]</c> without <c>=</c> is a map key with dots in it.</summary>
    public static string[] Parse(string path)
    {
        var segments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '[') depth++;
            else if (path[i] == ']') depth--;
            else if (path[i] == '.' && depth == 0)
            {
                segments.Add(path[start..i]);
                start = i + 1;
            }
        }
        segments.Add(path[start..]);
        return segments.Where(s => s.Length > 0)
            .Select(s => s.StartsWith('[') && s.EndsWith(']') && !s.Contains('=', StringComparison.Ordinal) ? s[1..^1] : s).ToArray();
    }

    /// <summary>The first node the path reaches, or null.</summary>
    public static Node? Get(Node node, string[] path, int at = 0)
    {
        if (at == path.Length) return node;
        return Children(node, path[at]).Select(child => Get(child.Node, path, at + 1)).FirstOrDefault(n => n is not null);
    }

    /// <summary>
    /// A copy with every field the path reaches set to <paramref name="value"/>(its current node);
    /// null when the path reaches nothing and <paramref name="create"/> does not allow adding map keys.
    /// </summary>
    public static Node? Set(Node node, string[] path, Func<Node?, Node> value, bool create, int at = 0)
    {
        if (at == path.Length) return value(node);
        var segment = path[at];
        switch (node)
        {
            case MapNode map when !IsSelector(segment):
                if (map[segment] is { } child)
                    return Set(child, path, value, create, at + 1) is { } set ? map.With(segment, set) : null;
                if (!create) return null;
                var created = at + 1 == path.Length ? value(null) : Set(new MapNode(map.Place, []), path, value, create, at + 1);
                return created is null ? null : map.With(segment, created);
            case ListNode list:
                var items = list.Items.ToList();
                var found = false;
                foreach (var (_, index) in Children(list, segment))
                {
                    if (Set(items[index], path, value, create, at + 1) is not { } set) continue;
                    items[index] = set;
                    found = true;
                }
                return found ? new ListNode(list.Place, items) : null;
            default:
                return null;
        }
    }

    private static bool IsSelector(string segment) => segment.StartsWith('[') || segment == "*";

    /// <summary>The children a segment selects, with their index in a list.</summary>
    private static IEnumerable<(Node Node, int Index)> Children(Node node, string segment)
    {
        if (node is MapNode map && !IsSelector(segment))
        {
            if (map[segment] is { } child) yield return (child, -1);
            yield break;
        }
        if (node is not ListNode list) yield break;
        if (segment == "*")
        {
            for (var i = 0; i < list.Items.Count; i++) yield return (list.Items[i], i);
        }
        else if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            if (index < list.Items.Count) yield return (list.Items[index], index);
        }
        else if (segment.StartsWith('[') && segment.EndsWith(']') && segment.IndexOf('=') is var eq and > 0)
        {
            var (key, wanted) = (segment[1..eq], segment[(eq + 1)..^1]);
            for (var i = 0; i < list.Items.Count; i++)
                if (list.Items[i] is MapNode item && item.Text(key) == wanted) yield return (item, i);
        }
    }
}
