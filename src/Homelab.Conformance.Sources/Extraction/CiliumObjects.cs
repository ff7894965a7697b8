using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Extraction;

/// <summary>Cilium's load-balancing and policy custom resources as network facts.</summary>
internal static class CiliumObjects
{
    public const string Group = "cilium.io";

    public static bool Add(KubeObject o, NetworkFacts network)
    {
        if (o.Group != Group) return false;
        switch (o.Kind)
        {
            case "CiliumLoadBalancerIPPool":
                network.LoadBalancerIpPools.Add(new ObjectFact(o.Ref, o.Origin));
                return true;
            case "CiliumL2AnnouncementPolicy":
                network.L2AnnouncementPolicies.Add(new ObjectFact(o.Ref, o.Origin));
                return true;
            case "CiliumClusterwideNetworkPolicy":
                // A policy with a nodeSelector applies to the nodes themselves: a host-firewall policy.
                var nodeSelector = o.Root.At("spec.nodeSelector")
                    ?? o.Root.List("specs")?.Items.OfType<MapNode>().Select(s => s["nodeSelector"]).FirstOrDefault(s => s is not null);
                network.ClusterwidePolicies.Add(new ObjectFact(o.Ref, nodeSelector?.Origin ?? o.Origin, Flag: nodeSelector is not null));
                return true;
            default:
                return false;
        }
    }
}
