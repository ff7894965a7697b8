namespace Homelab.Conformance.Documents;

/// <summary>A sequence.</summary>
public sealed class ListNode(NodePlace place, IReadOnlyList<Node> items) : Node(place)
{
    public IReadOnlyList<Node> Items { get; } = items;
}
