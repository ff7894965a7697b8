using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Documents;

/// <summary>
/// A YAML/JSON value that remembers where it came from. Nodes are immutable: merges and
/// patches build new trees, so every value keeps the evidence of the file that set it.
/// </summary>
public abstract class Node(NodePlace place)
{
    private NodePlace _place = place;

    /// <summary>Where the node was written; built when asked for (a parsed tree holds none).</summary>
    public Evidence Origin => _place.Evidence;

    /// <summary>Where the node was written, for a copy of it: cheaper to pass on than <see cref="Origin"/>.</summary>
    public NodePlace Place => _place;

    /// <summary>Set once, by the reader, when the collection the node was read in is built.</summary>
    internal void Adopt(Node parent, int slot)
    {
        if (_place.IsUnadopted) _place = _place.In(parent, slot);
    }

    /// <summary>The child at a dotted path (<c>spec.mon.count</c>, <c>items[0].name</c>), or null.</summary>
    public Node? At(string path) => NodePath.Walk(this, path);

    public MapNode? Map(string path) => At(path) as MapNode;
    public ListNode? List(string path) => At(path) as ListNode;
    public ScalarNode? Scalar(string path) => At(path) as ScalarNode;

    /// <summary>The scalar's text at a path, when it is a known (not encrypted, not unresolved) value.</summary>
    public string? Text(string path) => Scalar(path) is { IsKnown: true, IsNull: false } s ? s.Value : null;
}
