using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Documents;

/// <summary>
/// Where a node was written, kept small: either its evidence, or what builds the evidence when a
/// finding asks for it: the file's origin factory, line and column, and the node's slot in the
/// collection it was read in, from which its YAML path follows. So a parsed tree holds no evidence
/// object or path string per node; a copy of a node keeps its place (<see cref="Node.Place"/>).
/// A node read in a collection holds that collection where the factory was (the file's factory is
/// its document root's): one field for both keeps every node of a repo eight bytes smaller.
/// </summary>
public readonly struct NodePlace
{
    /// <summary>The slot of a node that takes its parent's path: a merge key's mapping, an anchored key.</summary>
    internal const int SameAsParent = -1;

    private readonly object _origin; // Evidence, a Through, the YamlReader.OriginFactory of the file, or (once adopted) the parent Node
    private readonly int _line, _column, _slot;

    public NodePlace(Evidence origin) => _origin = origin;

    internal NodePlace(YamlReader.OriginFactory origin, int line, int column)
    {
        _origin = origin;
        _line = line;
        _column = column;
    }

    private NodePlace(NodePlace place, Node parent, int slot)
    {
        _origin = parent;
        _line = place._line;
        _column = place._column;
        _slot = slot;
    }

    public static implicit operator NodePlace(Evidence origin) => new(origin);

    /// <summary>This place, read as the <paramref name="slot"/>th child of <paramref name="parent"/>.</summary>
    internal NodePlace In(Node parent, int slot) => new(this, parent, slot);

    /// <summary>Whether the node was parsed and has yet to be given the collection it was read in.</summary>
    internal bool IsUnadopted => _origin is YamlReader.OriginFactory;

    public Evidence Evidence => _origin switch
    {
        Evidence given => given,
        Through through => through.Place.Evidence is RepoEvidence r ? r with { Via = through.Via } : through.Place.Evidence,
        YamlReader.OriginFactory file => file(_line, _column, ""),
        _ => FileOf((Node)_origin)(_line, _column, YamlPath),
    };

    /// <summary>The origin factory of the file a node was read in: its document root's (parents are adopted only within a document).</summary>
    private static YamlReader.OriginFactory FileOf(Node parent)
    {
        for (var node = parent; ; node = (Node)node.Place._origin)
            if (node.Place._origin is YamlReader.OriginFactory file) return file;
    }

    /// <summary>
    /// This place, its evidence (when of a repo file) naming what the value came through (<see cref="RepoEvidence.Via"/>,
    /// a substituted variable): built when asked for, as this place's is, so a substituted tree holds no evidence per value.
    /// </summary>
    public NodePlace Via(string via) => new(new Through(this, via));

    private NodePlace(Through through) => _origin = through;

    private sealed class Through(NodePlace place, string via)
    {
        public NodePlace Place { get; } = place;
        public string Via { get; } = via;
    }

    /// <summary>The YAML path the node was read at (<c>spec.items[0].name</c>); "" for a document's root and for given evidence.</summary>
    private string YamlPath => _origin switch
    {
        Through through => through.Place.YamlPath,
        MapNode map when _slot >= 0 => NodePath.Key(map.Place.YamlPath, map.Entries[_slot].Key),
        ListNode list when _slot >= 0 => NodePath.Index(list.Place.YamlPath, _slot),
        Node other => other.Place.YamlPath,
        _ => "",
    };
}
