using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// Strategic merge as kustomize applies it: maps merge deeply, <c>null</c> or
/// <c>$patch: delete</c> removes, lists of built-in kinds merge by <c>name</c>, and lists of
/// custom resources (no schema) are replaced whole.
/// </summary>
public static class StrategicMerge
{
    public static MapNode Apply(MapNode target, MapNode patch, bool builtIn)
    {
        if (patch.Text("$patch") == "replace") return patch.Without("$patch");
        var result = target;
        foreach (var (key, value) in patch.Entries)
        {
            if (key.StartsWith("$", StringComparison.Ordinal)) continue;
            if (value is ScalarNode { IsNull: true, Quoted: false } || value is MapNode m && m.Text("$patch") == "delete")
            {
                result = result.Without(key);
                continue;
            }
            result = result.With(key, Merge(result[key], value, builtIn));
        }
        return result;
    }

    private static Node Merge(Node? current, Node patch, bool builtIn) => (current, patch) switch
    {
        (MapNode c, MapNode p) => Apply(c, p, builtIn),
        (ListNode c, ListNode p) when builtIn && ByName(c) && ByName(p) => MergeByName(c, p, builtIn),
        _ => patch,
    };

    private static bool ByName(ListNode list) => list.Items.All(i => i is MapNode m && m.Text("name") is not null);

    /// <summary>
    /// As kustomize orders them: the patch's items first, in its order (merged into the item of the
    /// same name, or new), then the items the patch does not name, in their order.
    /// </summary>
    private static ListNode MergeByName(ListNode current, ListNode patch, bool builtIn)
    {
        var byName = current.Items.Cast<MapNode>().GroupBy(i => i.Text("name")!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var named = patch.Items.Cast<MapNode>().Select(i => i.Text("name")!).ToHashSet(StringComparer.Ordinal);
        var items = new List<Node>();
        foreach (var item in patch.Items.Cast<MapNode>())
        {
            if (item.Text("$patch") == "delete") continue;
            items.Add(byName.TryGetValue(item.Text("name")!, out var existing) ? Apply(existing, item, builtIn) : item);
        }
        items.AddRange(current.Items.Cast<MapNode>().Where(i => !named.Contains(i.Text("name")!)));
        return new ListNode(current.Origin, items);
    }
}
