using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// Strategic merge as kustomize applies it: maps merge deeply, <c>null</c> or
/// <c>$patch: delete</c> removes, lists of built-in kinds merge by their merge key (<c>name</c>,
/// <c>mountPath</c>, <c>containerPort</c>, ...), and lists of custom resources (no schema) are
/// replaced whole.
/// </summary>
public static class StrategicMerge
{
    /// <summary>The merge key of the built-in lists whose items are not keyed by <c>name</c> (Kubernetes' patchMergeKey).</summary>
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["hostAliases"] = "ip",
        ["conditions"] = "type",
    };

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
            result = result.With(key, Merge(key, result[key], value, builtIn));
        }
        return result;
    }

    private static Node Merge(string field, Node? current, Node patch, bool builtIn) => (current, patch) switch
    {
        (MapNode c, MapNode p) => Apply(c, p, builtIn),
        (ListNode c, ListNode p) when builtIn && MergeKey(field, c, p) is { } key => MergeByKey(c, p, key, builtIn),
        _ => patch,
    };

    /// <summary>The key a list merges by, when every item has it; ports by <c>containerPort</c> in a pod, <c>port</c> in a Service.</summary>
    private static string? MergeKey(string field, ListNode current, ListNode patch)
    {
        var items = current.Items.Concat(patch.Items).ToList();
        var key = MergeKeys.GetValueOrDefault(field)
            ?? (field == "ports" ? (items.All(i => i is MapNode m && m.ContainsKey("containerPort")) ? "containerPort" : "port") : "name");
        return items.All(i => i is MapNode m && m.Text(key) is not null) ? key : null;
    }

    /// <summary>
    /// As kustomize orders them: the patch's items first, in its order (each merged into the first
    /// item with the same key, or new), then the items the patch does not reach, in their order.
    /// </summary>
    private static ListNode MergeByKey(ListNode current, ListNode patch, string key, bool builtIn)
    {
        var remaining = current.Items.Cast<MapNode>().ToList();
        var items = new List<Node>();
        foreach (var item in patch.Items.Cast<MapNode>())
        {
            var value = item.Text(key);
            if (item.Text("$patch") == "delete")
            {
                remaining.RemoveAll(i => i.Text(key) == value);
                continue;
            }
            var at = remaining.FindIndex(i => i.Text(key) == value);
            if (at < 0) { items.Add(item); continue; }
            items.Add(Apply(remaining[at], item, builtIn));
            remaining.RemoveAt(at);
        }
        items.AddRange(remaining);
        return new ListNode(current.Place, items);
    }
}
