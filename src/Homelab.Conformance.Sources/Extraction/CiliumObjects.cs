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
                network.LoadBalancerIpPools.Add(Pool(o));
                return true;
            case "CiliumL2AnnouncementPolicy":
                network.L2AnnouncementPolicies.Add(Announcement(o));
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

    /// <summary>A pool allocates nothing when <c>spec.disabled</c> is true, or when it has no blocks (nor the older <c>cidrs</c>).</summary>
    private static ObjectFact Pool(KubeObject o)
    {
        if (o.Root.Scalar("spec.disabled") is { IsKnown: true } disabled && disabled.AsBool() == true)
            return new ObjectFact(o.Ref, disabled.Origin) { Off = $"{o.Ref.Name} is disabled (spec.disabled: true)" };
        var blocks = (o.Root.List("spec.blocks")?.Items.Count ?? 0) + (o.Root.List("spec.cidrs")?.Items.Count ?? 0);
        return blocks == 0 ? new ObjectFact(o.Ref, o.Origin) { Off = $"{o.Ref.Name} has no blocks to allocate from" } : new ObjectFact(o.Ref, o.Origin);
    }

    /// <summary>A policy announces nothing unless <c>loadBalancerIPs</c> or <c>externalIPs</c> is true (both default to false).</summary>
    private static ObjectFact Announcement(KubeObject o)
    {
        var kinds = new[] { "loadBalancerIPs", "externalIPs" }.Select(k => o.Root.Scalar($"spec.{k}")).ToList();
        // A value not known offline may turn announcing on: only a policy known to announce nothing is off.
        if (kinds.Any(k => k is { IsKnown: false } || k?.AsBool() == true)) return new ObjectFact(o.Ref, o.Origin);
        return new ObjectFact(o.Ref, o.Origin) { Off = $"{o.Ref.Name} announces neither loadBalancerIPs nor externalIPs" };
    }
}
