using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Documents;

/// <summary>A mapping; keys keep their order and their own evidence.</summary>
public sealed class MapNode(Evidence origin, IReadOnlyList<KeyValuePair<string, Node>> entries) : Node(origin)
{
    private readonly Dictionary<string, int> _index = Index(entries);

    public IReadOnlyList<KeyValuePair<string, Node>> Entries { get; } = entries;

    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    public Node? this[string key] => _index.TryGetValue(key, out var i) ? Entries[i].Value : null;

    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>A copy with one key set (replaced in place, or appended).</summary>
    public MapNode With(string key, Node value)
    {
        var list = Entries.ToList();
        if (_index.TryGetValue(key, out var i)) list[i] = new(key, value);
        else list.Add(new(key, value));
        return new MapNode(Origin, list);
    }

    /// <summary>A copy without a key.</summary>
    public MapNode Without(string key) =>
        _index.ContainsKey(key) ? new MapNode(Origin, Entries.Where(e => e.Key != key).ToList()) : this;

    private static Dictionary<string, int> Index(IReadOnlyList<KeyValuePair<string, Node>> entries)
    {
        var index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++) index[entries[i].Key] = i;
        return index;
    }
}
