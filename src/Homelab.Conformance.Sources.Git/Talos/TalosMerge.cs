using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// Strategic merge as Talos applies a config patch: maps merge deeply, scalars are replaced,
/// lists are appended (pod and service subnets are replaced), a null sets nothing and
/// <c>$patch: delete</c> removes the key. The result is made of the patch's own nodes, so each
/// value keeps the file and line that set it.
/// </summary>
internal static class TalosMerge
{
    /// <summary>Lists Talos replaces on merge instead of appending to.</summary>
    private static readonly HashSet<string> ReplacedLists = new(StringComparer.Ordinal) { "podSubnets", "serviceSubnets" };

    public static MapNode Apply(MapNode target, MapNode patch)
    {
        var result = target;
        foreach (var (key, value) in patch.Entries)
        {
            if (key.StartsWith("$patch", StringComparison.Ordinal)) continue;
            if (IsDelete(value)) { result = result.Without(key); continue; }
            if (value is ScalarNode { IsNull: true, Quoted: false }) continue;
            result = result.With(key, (result[key], value) switch
            {
                (MapNode c, MapNode p) => Apply(c, p),
                (_, MapNode p) => Apply(new MapNode(p.Place, []), p),
                (ListNode c, ListNode p) when !ReplacedLists.Contains(key) => new ListNode(p.Place, [.. c.Items, .. p.Items]),
                _ => value,
            });
        }
        return result;
    }

    public static bool IsDelete(Node node) => node is MapNode m && m.Text("$patch") == "delete";

    /// <summary>Sets a value under a path of map keys, making the maps on the way (they take the value's evidence).</summary>
    public static MapNode SetAt(MapNode root, IReadOnlyList<string> keys, Node value, int from = 0)
    {
        if (from == keys.Count - 1) return root.With(keys[from], value);
        var child = root[keys[from]] as MapNode ?? new MapNode(value.Place, []);
        return root.With(keys[from], SetAt(child, keys, value, from + 1));
    }

    /// <summary>Removes the value under a path of map keys; a path that is not there changes nothing.</summary>
    public static MapNode RemoveAt(MapNode root, IReadOnlyList<string> keys, int from = 0)
    {
        if (from == keys.Count - 1) return root.Without(keys[from]);
        return root[keys[from]] is MapNode child ? root.With(keys[from], RemoveAt(child, keys, from + 1)) : root;
    }
}
