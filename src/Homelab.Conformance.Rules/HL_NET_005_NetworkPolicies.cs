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
        (true, true) => "Cilium enforces network policies, cluster-wide and on the nodes themselves (host firewall), and policies of both scopes are applied.",
        (true, false) => "Cilium enforces cluster-wide network policies, and such policies are applied.",
        (false, true) => "Cilium enforces network policies on the nodes themselves (host firewall), and host policies are applied.",
        _ => "The spec asks for no network policies.",
    };
    public override string Remediation => "Keep the Cilium value `policyEnforcementMode` at `default` or `always`, set `hostFirewall.enabled: true` for node-level policies, and apply a CiliumClusterwideNetworkPolicy of each scope (an `endpointSelector` one, a `nodeSelector` one).";
    public override Area Area => Area.Network;
    public override IReadOnlyList<string> DocsKeys => ["network.networkPolicies.clusterWide", "network.networkPolicies.nodeLevel"];
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
            yield return Checks.Expect(cilium.PolicyEnforcementMode, v => v is "default" or "always", $"{cilium.Install.Name} policyEnforcementMode", "default or always", cilium.Evidence.Location, on: cilium.Install);
            if (spec.Network.NodeLevelPolicies)
                yield return Checks.Expect(cilium.HostFirewall, Checks.IsTrue, $"{cilium.Install.Name} hostFirewall.enabled", "true", cilium.Evidence.Location, on: cilium.Install);
        }
        // Enforcement with no policy enforces nothing: the architecture has policies of each scope it names.
        if (spec.Network.ClusterWidePolicies) yield return Policies(network, facts.Source, hostPolicies: false);
        if (spec.Network.NodeLevelPolicies) yield return Policies(network, facts.Source, hostPolicies: true);
        if (!spec.Network.NodeLevelPolicies)
            foreach (var hostPolicy in network.ClusterwidePolicies.Where(p => p.Flag))
                yield return Finding.Inconclusive(hostPolicy.Evidence, $"host policy {hostPolicy.Id.Name} exists although the spec asks for no node-level policies");
    }

    /// <summary>
    /// A CiliumClusterwideNetworkPolicy of the scope: an <c>endpointSelector</c> one selects pods
    /// cluster-wide, a <c>nodeSelector</c> one is a host policy (Cilium docs, Host Policies).
    /// </summary>
    private static Finding Policies(NetworkFacts network, string source, bool hostPolicies)
    {
        var scope = hostPolicies ? "node-level" : "cluster-wide";
        var selector = hostPolicies ? "nodeSelector" : "endpointSelector";
        var found = network.ClusterwidePolicies.Where(p => p.Flag == hostPolicies).ToList();
        return found.Count > 0
            ? Finding.Pass(found[0].Evidence, $"{scope} policies: {string.Join(", ", found.Select(p => p.Id.Name))}")
            : Finding.Fail(new AbsenceEvidence("CiliumClusterwideNetworkPolicy", source),
                    $"no {scope} policy: no CiliumClusterwideNetworkPolicy with a {selector} is applied, so enforcement has nothing to enforce", $"a {selector} policy", "none")
                with { Missing = new MissingObject("CiliumClusterwideNetworkPolicy", $"a {scope} CiliumClusterwideNetworkPolicy") };
    }
}
