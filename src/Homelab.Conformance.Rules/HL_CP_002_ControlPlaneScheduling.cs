using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_CP_002_ControlPlaneScheduling : Rule
{
    public override string Id => "HL-CP-002";
    public override string Title => "Control planes take normal workloads";
    public override string Claim(ArchitectureSpec spec) => spec.ControlPlane.Schedulable
        ? $"With only {Words.Count(spec.Nodes.Count)} nodes, the control-plane nodes allow normal workloads to be scheduled on them."
        : "The control-plane nodes keep normal workloads off (a NoSchedule taint).";
    public override string Remediation => "Set Talos `cluster.allowSchedulingOnControlPlanes: true` and remove NoSchedule/NoExecute taints from control-plane nodes.";
    public override Area Area => Area.ControlPlane;
    public override IReadOnlyList<string> DocsKeys => ["controlPlane.schedulable"];
    public override IReadOnlyList<string> Reads => ["Node"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        var wanted = spec.ControlPlane.Schedulable;
        var controlPlanes = facts.Nodes.Where(n => n.ControlPlane is { IsKnown: true, Value: true }).ToList();
        if (facts.ControlPlaneScheduling.Count == 0 && controlPlanes.Count == 0)
        {
            yield return Finding.NothingFound("control-plane scheduling setting or control-plane node", facts.Source);
            yield break;
        }
        foreach (var setting in facts.ControlPlaneScheduling)
            yield return Checks.Expect(setting, v => v == wanted, "scheduling on control planes", wanted ? "allowed" : "forbidden", facts.Source);

        foreach (var node in controlPlanes)
        {
            // node.kubernetes.io/* taints follow node conditions (not-ready, disk-pressure): they are health, not scheduling policy.
            var blocking = node.Taints.Where(t => t.IsKnown && t.Value.Effect is "NoSchedule" or "NoExecute"
                && !t.Value.Key.StartsWith("node.kubernetes.io/", StringComparison.Ordinal)).ToList();
            // "No blocking taint" is known only where every taint of the node is; elsewhere the setting above decides.
            var untainted = blocking.Count == 0 && node.TaintListing.IsComplete;
            if (wanted)
            {
                foreach (var taint in blocking)
                    yield return Finding.Fail(taint.Evidence, $"{node.Name} carries taint {taint.Value}, which keeps workloads off it", "no NoSchedule/NoExecute taint", taint.Value.ToString());
                if (untainted)
                    yield return Finding.Pass(node.Evidence, $"{node.Name} has no NoSchedule/NoExecute taint");
            }
            else if (untainted)
                yield return Finding.Fail(node.Evidence, $"{node.Name} has no NoSchedule taint although control planes should not take workloads", "NoSchedule taint", "none");
        }
    }
}
