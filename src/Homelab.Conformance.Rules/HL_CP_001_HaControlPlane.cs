using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_CP_001_HaControlPlane : Rule
{
    public override string Id => "HL-CP-001";
    public override string Title => "HA control plane of exactly the named nodes";
    // Three control planes keep etcd's quorum through one failure: fewer is no high availability.
    public override string Claim(ArchitectureSpec spec) =>
        $"Kubernetes runs {(spec.ControlPlane.Count >= 3 ? "in high-availability mode " : "")}with the spec's control-plane nodes ({string.Join(", ", spec.ControlPlane.Nodes)}) and no others.";
    public override string Remediation => "Mark exactly the spec's control-plane nodes as control planes (talhelper `controlPlane: true`, Talos `machine.type: controlplane`).";
    public override Area Area => Area.ControlPlane;
    public override IReadOnlyList<string> DocsKeys => ["controlPlane.ha", "controlPlane.count", "controlPlane.nodes"];
    public override IReadOnlyList<string> Reads => ["Node"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (facts.Nodes.Count == 0)
        {
            yield return Finding.NothingFound("node declarations", facts.Source);
            yield break;
        }
        var expected = spec.ControlPlane.Nodes.ToHashSet(StringComparer.Ordinal);
        foreach (var node in facts.Nodes)
            yield return Role(node, expected).On(new ObjectRef("Node", null, node.Name));
        foreach (var missing in expected.Where(n => facts.Nodes.All(f => f.Name != n)))
            yield return Finding.Fail(new AbsenceEvidence($"node {missing}", facts.Source), $"control-plane node {missing} is not declared", missing, "absent");
        var count = facts.Nodes.Count(n => n.ControlPlane is { IsKnown: true, Value: true });
        // Nodes whose role is unknown may make up the count: it fails only when they cannot.
        var unknown = facts.Nodes.Count(n => !n.ControlPlane.IsKnown);
        if (count > spec.ControlPlane.Count || count + unknown < spec.ControlPlane.Count)
            yield return Finding.Fail(facts.Nodes[0].Evidence, $"{count} control-plane nodes, the spec wants {spec.ControlPlane.Count}",
                spec.ControlPlane.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Finding Role(NodeFact node, HashSet<string> expected)
    {
        var role = node.ControlPlane;
        if (!role.IsKnown) return Finding.Inconclusive(role.Evidence, $"{node.Name}: role unknown ({role.Unknown})");
        var wanted = expected.Contains(node.Name);
        return role.Value == wanted
            ? Finding.Pass(role.Evidence, $"{node.Name} is {(wanted ? "a control plane" : "not a control plane")}")
            : Finding.Fail(role.Evidence,
                wanted ? $"{node.Name} should be a control plane but is not" : $"{node.Name} is a control plane but the spec does not name it",
                wanted ? "control plane" : "worker", wanted ? "worker" : "control plane");
    }
}
