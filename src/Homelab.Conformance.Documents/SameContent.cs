namespace Homelab.Conformance.Documents;

/// <summary>Whether two trees hold the same data, wherever each was written: keys in any order, list items in order, scalars by text.</summary>
public static class SameContent
{
    public static bool Of(Node? a, Node? b) => (a, b) switch
    {
        (null, null) => true,
        (ScalarNode x, ScalarNode y) => x.Value == y.Value && x.Unknown == y.Unknown,
        (ListNode x, ListNode y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Of(p.First, p.Second)),
        (MapNode x, MapNode y) => x.Entries.Count == y.Entries.Count && x.Entries.All(e => Of(e.Value, y[e.Key])),
        _ => false,
    };
}
