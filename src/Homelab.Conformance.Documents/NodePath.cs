using System.Text;

namespace Homelab.Conformance.Documents;

/// <summary>
/// Dotted paths into a node tree: <c>spec.values.mon.count</c>, <c>items[0]</c>, <c>labels["a.b/c"]</c>.
/// A path through a value that is not known (SOPS, an unresolved variable) ends at that value.
/// </summary>
public static class NodePath
{
    /// <summary>The path of a map child: keys that are not plain identifiers are quoted.</summary>
    public static string Key(string parent, string key)
    {
        var plain = key.Length > 0;
        foreach (var c in key)
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '$' or '<')) { plain = false; break; }
        if (!plain) return $"{parent}[\"{key}\"]";
        return parent.Length == 0 ? key : $"{parent}.{key}";
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    public static Node? Walk(Node node, string path) =>
        path.AsSpan().IndexOfAny('[', '"') < 0 ? WalkDotted(node, path) : WalkParsed(node, path);

    /// <summary>The common case, <c>metadata.name</c>: keys only, walked without allocating.</summary>
    private static Node? WalkDotted(Node node, ReadOnlySpan<char> path)
    {
        Node? current = node;
        while (true)
        {
            var dot = path.IndexOf('.');
            var segment = dot < 0 ? path : path[..dot];
            if (segment.Length > 0)
            {
                // Below a value that is not known, nothing is known either: the unknown is the answer.
                if (current is ScalarNode { IsKnown: false }) return current;
                current = (current as MapNode)?.Get(segment);
                if (current is null) return null;
            }
            if (dot < 0) return current;
            path = path[(dot + 1)..];
        }
    }

    private static Node? WalkParsed(Node node, string path)
    {
        Node? current = node;
        foreach (var segment in Parse(path))
        {
            if (current is ScalarNode { IsKnown: false }) return current;
            current = (current, segment) switch
            {
                (MapNode map, string key) => map[key],
                (ListNode list, int i) when i >= 0 && i < list.Items.Count => list.Items[i],
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    private static IEnumerable<object> Parse(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.') { i++; continue; }
            if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0) throw new FormatException($"unclosed '[' in path '{path}'");
                var inner = path[(i + 1)..end];
                if (inner.StartsWith('"'))
                {
                    end = path.IndexOf("\"]", i + 2, StringComparison.Ordinal);
                    if (end < 0) throw new FormatException($"unclosed '[\"' in path '{path}'");
                    yield return path[(i + 2)..end];
                    i = end + 2;
                    continue;
                }
                yield return int.Parse(inner, System.Globalization.CultureInfo.InvariantCulture);
                i = end + 1;
                continue;
            }
            var sb = new StringBuilder();
            while (i < path.Length && path[i] is not ('.' or '[')) sb.Append(path[i++]);
            yield return sb.ToString();
        }
    }
}
