using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Documents;

/// <summary>
/// A YAML/JSON value that remembers where it came from. Nodes are immutable: merges and
/// patches build new trees, so every value keeps the evidence of the file that set it.
/// </summary>
public abstract class Node(Evidence origin)
{
    public Evidence Origin { get; } = origin;

    /// <summary>The child at a dotted path (<c>spec.mon.count</c>, <c>items[0].name</c>), or null.</summary>
    public Node? At(string path) => NodePath.Walk(this, path);

    public MapNode? Map(string path) => At(path) as MapNode;
    public ListNode? List(string path) => At(path) as ListNode;
    public ScalarNode? Scalar(string path) => At(path) as ScalarNode;

    /// <summary>The scalar's text at a path, when it is a known (not encrypted, not unresolved) value.</summary>
    public string? Text(string path) => Scalar(path) is { IsKnown: true, IsNull: false } s ? s.Value : null;
}
