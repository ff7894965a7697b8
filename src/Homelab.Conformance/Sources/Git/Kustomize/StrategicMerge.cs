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

    private static ListNode MergeByName(ListNode current, ListNode patch, bool builtIn)
    {
        var items = current.Items.ToList();
        foreach (var item in patch.Items.Cast<MapNode>())
        {
            var name = item.Text("name");
            var at = items.FindIndex(i => ((MapNode)i).Text("name") == name);
            if (item.Text("$patch") == "delete") { if (at >= 0) items.RemoveAt(at); }
            else if (at >= 0) items[at] = Apply((MapNode)items[at], item, builtIn);
            else items.Add(item);
        }
        return new ListNode(current.Origin, items);
    }
}
