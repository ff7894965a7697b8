using System.Text.Json;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Live;

/// <summary>
/// An object from the API as the same provenance tree the repo reader builds, each value's
/// evidence naming the live object and the field it sits at.
/// </summary>
public static class JsonTree
{
    /// <summary>
    /// One item of a LIST: items carry no kind or apiVersion of their own, so the list's are set.
    /// Secret values are withheld here too, so no report can ever show one.
    /// </summary>
    public static KubeObject Object(JsonElement item, string apiVersion, string kind)
    {
        var metadata = item.TryGetProperty("metadata", out var m) ? m : default;
        var name = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        var ns = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("namespace", out var s) ? s.GetString() : null;
        Evidence At(string path) => new LiveEvidence(kind, ns, name, path);
        var root = (MapNode)Build(item, "", At);
        root = root.With("apiVersion", new ScalarNode(At("apiVersion"), apiVersion)).With("kind", new ScalarNode(At("kind"), kind));
        return KubeObject.FromDocument(root).Single();
    }

    private static Node Build(JsonElement e, string path, Func<string, Evidence> at) => e.ValueKind switch
    {
        JsonValueKind.Object => new MapNode(at(path), e.EnumerateObject()
            .Select(p => new KeyValuePair<string, Node>(p.Name, Build(p.Value, NodePath.Key(path, p.Name), at))).ToList()),
        JsonValueKind.Array => new ListNode(at(path), e.EnumerateArray().Select((item, i) => Build(item, NodePath.Index(path, i), at)).ToList()),
        JsonValueKind.String => new ScalarNode(at(path), e.GetString(), quoted: true),
        JsonValueKind.Number => new ScalarNode(at(path), e.GetRawText()),
        JsonValueKind.True => new ScalarNode(at(path), "true"),
        JsonValueKind.False => new ScalarNode(at(path), "false"),
        _ => ScalarNode.Null(at(path)),
    };
}
