using System.Globalization;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_NODE_001_NodeInventory : Rule
{
    public override string Id => "HL-NODE-001";
    public override string Title => "The cluster has the spec's nodes";
    public override string Claim(ArchitectureSpec spec) => $"The cluster is made of the spec's {Words.Count(spec.Nodes.Count)} nodes.";
    public override string Remediation => "Declare (Talos/talhelper) or join exactly the spec's nodes; update the spec when hardware changes.";
    public override Area Area => Area.Nodes;
    public override IReadOnlyList<string> DocsKeys => ["nodes.count", "nodes.workers", "controlPlane.nodes"];
    public override IReadOnlyList<string> Reads => ["Node"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        var nodes = facts.Nodes;
        if (nodes.Count == 0)
        {
            yield return Finding.NothingFound("node declarations", facts.Source);
            yield break;
        }
        var expected = spec.Nodes.Count.ToString(CultureInfo.InvariantCulture);
        var found = nodes.Count.ToString(CultureInfo.InvariantCulture);
        yield return nodes.Count == spec.Nodes.Count
            ? Finding.Pass(nodes[0].Evidence, $"{found} nodes: {string.Join(", ", nodes.Select(n => n.Name))}")
            : Finding.Fail(nodes[^1].Evidence, $"{found} nodes ({string.Join(", ", nodes.Select(n => n.Name))}), the spec wants {expected}", expected, found);
        if (spec.Nodes.Names.Count == 0) yield break;
        foreach (var node in nodes.Where(n => !spec.Nodes.Names.Contains(n.Name)))
            yield return Finding.Fail(node.Evidence, $"node {node.Name} is not in the spec", string.Join(", ", spec.Nodes.Names), node.Name);
        foreach (var name in spec.Nodes.Names.Where(n => nodes.All(f => f.Name != n)))
            yield return Finding.Fail(new AbsenceEvidence($"node {name}", facts.Source), $"node {name} is missing", name, "absent");
    }
}
