using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Helm;

/// <summary>Helm's coalescing of values: maps merge deeply, anything else is replaced, null deletes.</summary>
public static class ValuesMerge
{
    public static MapNode Merge(MapNode under, MapNode over)
    {
        var result = under;
        foreach (var (key, value) in over.Entries)
        {
            if (value is ScalarNode { IsNull: true, Quoted: false }) { result = result.Without(key); continue; }
            result = result.With(key, result[key] is MapNode a && value is MapNode b ? Merge(a, b) : value);
        }
        return result;
    }

    /// <summary>Sets a value at a dotted path (<c>a.b.c</c>, <c>\.</c> escapes a dot), making maps on the way.</summary>
    public static MapNode SetAt(MapNode root, string path, Node value)
    {
        var keys = SplitPath(path);
        return Set(root, keys, 0, value);
    }

    private static MapNode Set(MapNode map, IReadOnlyList<string> keys, int i, Node value)
    {
        if (i == keys.Count - 1) return map.With(keys[i], value);
        var child = map[keys[i]] as MapNode ?? new MapNode(value.Place, []);
        return map.With(keys[i], Set(child, keys, i + 1, value));
    }

    private static List<string> SplitPath(string path)
    {
        var keys = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] == '.') { current.Append('.'); i++; }
            else if (path[i] == '.') { keys.Add(current.ToString()); current.Clear(); }
            else current.Append(path[i]);
        }
        keys.Add(current.ToString());
        return keys;
    }
}
