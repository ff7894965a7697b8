namespace Homelab.Conformance.Documents;

/// <summary>
/// What one collection gathers while a reader reads it (<see cref="YamlReader"/>'s and <see cref="BlockYaml"/>'s),
/// kept per depth and reused: its children (then copied to an array of their size), which of them
/// were read here (not aliases of nodes read before), and its keys.
/// </summary>
internal sealed class ReadLevel
{
    public List<KeyValuePair<string, Node>> Entries { get; } = [];
    public List<Node> Items { get; } = [];
    public List<bool> Own { get; } = [];
    public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>Nodes read at the collection's own path: a merge key's value, an anchored key.</summary>
    public List<Node> SamePath { get; } = [];

    /// <summary>The level at a depth, emptied: made the first time that depth is reached.</summary>
    public static ReadLevel At(List<ReadLevel> levels, int depth)
    {
        while (levels.Count <= depth) levels.Add(new ReadLevel());
        var level = levels[depth];
        level.Clear();
        return level;
    }

    public void Clear()
    {
        Entries.Clear();
        Items.Clear();
        Own.Clear();
        Keys.Clear();
        SamePath.Clear();
    }
}
