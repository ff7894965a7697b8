using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_NET_005_NetworkPolicies : Rule
{
    public override string Id => "HL-NET-005";
    public override string Title => "Cluster-wide and node-level network policies";
    public override string Claim(ArchitectureSpec spec) => (spec.Network.ClusterWidePolicies, spec.Network.NodeLevelPolicies) switch
    {
        (true, true) => "Cilium enforces network policies, cluster-wide and on the nodes themselves (host firewall).",
        (true, false) => "Cilium enforces cluster-wide network policies.",
        (false, true) => "Cilium enforces network policies on the nodes themselves (host firewall).",
        _ => "The spec asks for no network policies.",
    };
    public override string Remediation => "Keep the Cilium value `policyEnforcementMode` at `default` or `always`, and set `hostFirewall.enabled: true` for node-level policies.";
    public override Area Area => Area.Network;
    public override IReadOnlyList<string> Reads => ["DaemonSet", "ConfigMap", "CiliumClusterwideNetworkPolicy"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (!spec.Network.ClusterWidePolicies && !spec.Network.NodeLevelPolicies)
        {
            yield return Finding.NotApplicable(spec.Where("network.networkPolicies"), "the spec asks for no network policies, cluster-wide or node-level");
            yield break;
        }
        var network = facts.Network;
        if (network.Cilium.Count == 0)
        {
            yield return Finding.Fail(new AbsenceEvidence("Cilium installation", facts.Source), "Cilium is not installed, so no policy is enforced", "Cilium", "absent");
            yield break;
        }
        foreach (var cilium in network.Cilium)
        {
            yield return Checks.Expect(cilium.PolicyEnforcementMode, v => v is "default" or "always", $"{cilium.Install.Name} policyEnforcementMode", "default or always", cilium.Evidence.Location);
            if (spec.Network.NodeLevelPolicies)
                yield return Checks.Expect(cilium.HostFirewall, Checks.IsTrue, $"{cilium.Install.Name} hostFirewall.enabled", "true", cilium.Evidence.Location);
        }
        if (!spec.Network.NodeLevelPolicies)
            foreach (var hostPolicy in network.ClusterwidePolicies.Where(p => p.Flag))
                yield return Finding.Inconclusive(hostPolicy.Evidence, $"host policy {hostPolicy.Id.Name} exists although the spec asks for no node-level policies");
    }
}
