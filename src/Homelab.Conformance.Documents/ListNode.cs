using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Documents;

/// <summary>A sequence.</summary>
public sealed class ListNode(Evidence origin, IReadOnlyList<Node> items) : Node(origin)
{
    public IReadOnlyList<Node> Items { get; } = items;
}
