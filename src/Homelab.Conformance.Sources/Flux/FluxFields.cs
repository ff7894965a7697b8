using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// Reads the fields of one Flux object by the shape Flux's API gives them. A field of another
/// shape is an error at its own node and read as absent (a string field as unknown, so nothing is
/// guessed from it); a value not known offline (SOPS, an unresolved variable) stays unknown; YAML
/// null is absent.
/// </summary>
internal sealed class FluxFields(KubeObject o)
{
    private readonly List<FluxParseError> _errors = [];

    public FluxParseResult<T> Result<T>(T view) => new(view, _errors);

    /// <summary>The object's <c>spec</c>, or an empty one.</summary>
    public MapNode Spec() => Map(o.Root, "spec") ?? new MapNode(o.Place, []);

    public MapNode? Map(MapNode parent, string key) => Shaped<MapNode>(parent[key], $"'{key}'", "a mapping");

    public ListNode? List(MapNode parent, string key) => Shaped<ListNode>(parent[key], $"'{key}'", "a list");

    /// <summary>A scalar as written, YAML null included: what a build hands on as a node.</summary>
    public ScalarNode? Scalar(MapNode parent, string key) => Shaped<ScalarNode>(parent[key], $"'{key}'", "a string");

    /// <summary>The items of a list of mappings; an item of another shape is an error and left out.</summary>
    public IReadOnlyList<MapNode> Maps(MapNode parent, string key) => Items<MapNode>(parent, key, "a mapping");

    /// <summary>The items of a list of strings, YAML nulls included; an item of another shape is an error and left out.</summary>
    public IReadOnlyList<ScalarNode> Scalars(MapNode parent, string key) => Items<ScalarNode>(parent, key, "a string");

    /// <summary>A mapping of strings (<c>postBuild.substitute</c>); a value of another shape is an error and read as empty.</summary>
    public IReadOnlyList<KeyValuePair<string, ScalarNode>> Strings(MapNode parent, string key) =>
        Map(parent, key)?.Entries.Select(e => KeyValuePair.Create(e.Key, Shaped<ScalarNode>(e.Value, $"'{key}.{e.Key}'", "a string") ?? ScalarNode.Null(e.Value.Place))).ToList() ?? [];

    public Fact<string>? Text(MapNode parent, string key) => parent[key] switch
    {
        null or ScalarNode { IsNull: true } => null,
        ScalarNode { IsKnown: false } s => Fact<string>.NotKnown(s.Origin, s.Unknown!),
        ScalarNode s => new Fact<string>(s.Value!, s.Origin),
        var other => Fact<string>.NotKnown(other.Origin, Wrong(other, $"'{key}'", "a string")),
    };

    /// <summary>A string field's text when known, as a reference reads its parts.</summary>
    public string? Known(MapNode parent, string key) => Text(parent, key).Known();

    public Fact<bool>? Bool(MapNode parent, string key) => parent[key] switch
    {
        null or ScalarNode { IsNull: true } => null,
        ScalarNode { IsKnown: false } s => Fact<bool>.NotKnown(s.Origin, s.Unknown!),
        ScalarNode s when s.AsBool() is { } value => new Fact<bool>(value, s.Origin),
        var other => Fact<bool>.NotKnown(other.Origin, Wrong(other, $"'{key}'", "true or false")),
    };

    public FluxObjectRef? Ref(MapNode parent, string key, FluxRefParts parts) => Map(parent, key) is { } reference ? Ref(reference, parts) : null;

    /// <summary>A list of references; an item that is not a mapping is an error and left out.</summary>
    public IReadOnlyList<FluxObjectRef> Refs(MapNode parent, string key, FluxRefParts parts) => Maps(parent, key).Select(m => Ref(m, parts)).ToList();

    public FluxObjectRef Ref(MapNode reference, FluxRefParts parts) => new(
        parts.HasFlag(FluxRefParts.Kind) ? Known(reference, "kind") : null,
        Known(reference, "name"),
        parts.HasFlag(FluxRefParts.Namespace) ? Known(reference, "namespace") : null,
        reference.Origin)
    {
        Optional = parts.HasFlag(FluxRefParts.Optional) && Bool(reference, "optional") is { IsKnown: true, Value: true },
    };

    private List<T> Items<T>(MapNode parent, string key, string expected) where T : Node
    {
        var items = new List<T>();
        foreach (var item in List(parent, key)?.Items ?? [])
            if (Shaped<T>(item, $"an item of '{key}'", expected) is { } shaped) items.Add(shaped);
        return items;
    }

    private T? Shaped<T>(Node? node, string what, string expected) where T : Node
    {
        if (node is null or T) return (T?)node;
        // YAML null where a mapping or list belongs is the field left empty, as Flux reads it.
        if (node is ScalarNode { IsNull: true }) return null;
        Wrong(node, what, expected);
        return null;
    }

    private string Wrong(Node node, string what, string expected)
    {
        var cause = $"{o.Ref}: {what} is {Shape(node)}, where Flux expects {expected}";
        _errors.Add(new FluxParseError(node.Origin, cause));
        return cause;
    }

    /// <summary>The shape found, never the value: a malformed field may hold what should be a secret.</summary>
    private static string Shape(Node node) => node switch
    {
        MapNode => "a mapping",
        ListNode => "a list",
        _ => "a string",
    };
}
