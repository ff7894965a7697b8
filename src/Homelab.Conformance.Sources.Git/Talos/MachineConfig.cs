using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// A Talos machine config as far as the repo shows it: the <c>v1alpha1</c> document and the
/// typed documents beside it (<c>apiVersion: v1alpha1</c> + <c>kind</c>). Immutable; each
/// patch makes a new one.
/// </summary>
internal sealed class MachineConfig(MapNode main, IReadOnlyList<MapNode> documents, IReadOnlyList<string>? unread = null)
{
    public MapNode Main { get; } = main;

    public IReadOnlyList<MapNode> Documents { get; } = documents;

    /// <summary>
    /// Why part of this config is not known: a patch that could not be read offline (templated,
    /// encrypted, missing), or a base that is not in the repo. Then a setting nothing read sets is
    /// unknown, not Talos' default: the unread part may set it.
    /// </summary>
    public IReadOnlyList<string> Unread { get; } = unread ?? [];

    /// <summary>The same config, known to lack what <paramref name="why"/> says.</summary>
    public MachineConfig Without(string why) => new(Main, Documents, [.. Unread, why]);

    public static MachineConfig Empty(Evidence origin) => new(new MapNode(origin, []), []);

    /// <summary>The last typed document of a kind, or null.</summary>
    public MapNode? Document(string kind) => Documents.LastOrDefault(d => d.Text("kind") == kind);

    /// <summary>The config with a patch applied; operations that cannot be applied offline go to <paramref name="warn"/>.</summary>
    public MachineConfig Apply(TalosPatch patch, Action<Evidence, string> warn) =>
        patch.Unread is { } why ? Without(why) : patch.Documents.Aggregate(this, (config, document) => document switch
        {
            MapNode map when TalosShapes.IsTypedDocument(map) => config.MergeDocument(map),
            MapNode map => new MachineConfig(TalosMerge.Apply(config.Main, map.Without("version")), config.Documents, config.Unread),
            ListNode operations => new MachineConfig(Operations(config.Main, operations, warn), config.Documents, config.Unread),
            _ => config,
        });

    /// <summary>A typed document replaces nothing: it merges into the one of the same kind and name, or is added.</summary>
    private MachineConfig MergeDocument(MapNode patch)
    {
        var kind = patch.Text("kind");
        var name = patch.Text("name");
        var list = Documents.ToList();
        var at = list.FindIndex(d => d.Text("kind") == kind && d.Text("name") == name);
        if (TalosMerge.IsDelete(patch))
        {
            if (at >= 0) list.RemoveAt(at);
        }
        else if (at >= 0) list[at] = TalosMerge.Apply(list[at], patch);
        else list.Add(TalosMerge.Apply(new MapNode(patch.Place, []), patch));
        return new MachineConfig(Main, list, Unread);
    }

    /// <summary>
    /// RFC 6902 operations. The config read offline holds only what the repo sets, not what
    /// <c>talosctl gen config</c> adds, so an <c>add</c> under a missing parent makes the parent
    /// and a <c>remove</c> of a missing path changes nothing, rather than failing.
    /// </summary>
    private static MapNode Operations(MapNode main, ListNode operations, Action<Evidence, string> warn)
    {
        foreach (var op in operations.Items)
        {
            try
            {
                main = (MapNode)JsonPatch.Apply(main, new ListNode(op.Place, [op]));
            }
            catch (Exception e) when (e is JsonPatch.PatchException or InvalidCastException)
            {
                var keys = op is MapNode m ? MapPath(m.Text("path")) : null;
                var name = (op as MapNode)?.Text("op");
                if (keys is not null && name is "add" or "replace" && ((MapNode)op)["value"] is { } value)
                    main = TalosMerge.SetAt(main, keys, value);
                else if (keys is not null && name == "remove")
                    main = TalosMerge.RemoveAt(main, keys);
                else
                    warn(op.Origin, $"JSON patch operation cannot be applied offline: {e.Message}");
            }
        }
        return main;
    }

    /// <summary>The keys of a JSON pointer that goes through maps only, or null.</summary>
    private static string[]? MapPath(string? pointer)
    {
        if (pointer is null || !pointer.StartsWith('/')) return null;
        var keys = pointer[1..].Split('/').Select(p => p.Replace("~1", "/").Replace("~0", "~")).ToArray();
        return keys.Any(k => k.Length == 0 || k == "-" || k.All(char.IsAsciiDigit)) ? null : keys;
    }
}

/// <summary>One patch as talhelper or talosctl applies it: strategic-merge documents or RFC 6902 operation lists.</summary>
internal sealed record TalosPatch(IReadOnlyList<Node> Documents)
{
    /// <summary>Why the patch's content is not known offline, when it is not.</summary>
    public string? Unread { get; init; }

    public static TalosPatch NotRead(string why) => new([]) { Unread = why };
}
