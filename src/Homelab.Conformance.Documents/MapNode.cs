namespace Homelab.Conformance.Documents;

/// <summary>A mapping; keys keep their order and their own evidence.</summary>
public sealed class MapNode(NodePlace place, IReadOnlyList<KeyValuePair<string, Node>> entries) : Node(place)
{
    /// <summary>Maps this small are searched in place; larger ones get a key index on first lookup.</summary>
    private const int LinearSearchMax = 8;

    // The key index of a mapping of more than LinearSearchMax keys, made when first asked and kept
    // beside the node rather than in it: few maps are that large, and every map of a repo is kept.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MapNode, Dictionary<string, int>> Indexes = new();

    public IReadOnlyList<KeyValuePair<string, Node>> Entries { get; } = entries;

    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    public Node? this[string key] => Get(key);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>The value of a key given as a span (a segment of a dotted path), or null.</summary>
    public Node? Get(ReadOnlySpan<char> key)
    {
        var i = IndexOf(key);
        return i < 0 ? null : Entries[i].Value;
    }

    /// <summary>Where a key is; a repeated key resolves to its last entry, as the index does.</summary>
    private int IndexOf(ReadOnlySpan<char> key)
    {
        var entries = Entries;
        if (entries.Count <= LinearSearchMax)
        {
            for (var i = entries.Count - 1; i >= 0; i--)
                if (key.SequenceEqual(entries[i].Key)) return i;
            return -1;
        }
        var index = Indexes.GetValue(this, static map => Index(map.Entries));
        return index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var at) ? at : -1;
    }

    /// <summary>A copy with one key set (replaced in place, or appended).</summary>
    public MapNode With(string key, Node value)
    {
        // Sized once: trees are copied along every path a build changes.
        var i = IndexOf(key);
        var entries = new KeyValuePair<string, Node>[i >= 0 ? Entries.Count : Entries.Count + 1];
        for (var j = 0; j < Entries.Count; j++) entries[j] = Entries[j];
        entries[i >= 0 ? i : Entries.Count] = new(key, value);
        return new MapNode(Place, entries);
    }

    /// <summary>A copy without a key.</summary>
    public MapNode Without(string key) => ContainsKey(key) ? new MapNode(Place, Except(key)) : this;

    // Apart from Without, so that its usual case (no such key) makes no closure.
    private List<KeyValuePair<string, Node>> Except(string key) => Entries.Where(e => e.Key != key).ToList();

    private static Dictionary<string, int> Index(IReadOnlyList<KeyValuePair<string, Node>> entries)
    {
        var index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++) index[entries[i].Key] = i;
        return index;
    }
}
