using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_NET_004_L2LoadBalancing : Rule
{
    public override string Id => "HL-NET-004";
    public override string Title => "L2 load balancing";
    public override string Claim(ArchitectureSpec spec) => "Cilium announces LoadBalancer IPs on layer 2: announcements on, an IP pool and an announcement policy.";
    public override string Remediation => "Set the Cilium value `l2announcements.enabled: true` and declare a CiliumLoadBalancerIPPool and a CiliumL2AnnouncementPolicy.";
    public override Area Area => Area.Network;
    public override IReadOnlyList<string> DocsKeys => ["network.l2LoadBalancing"];
    public override IReadOnlyList<string> Reads => ["DaemonSet", "ConfigMap", "CiliumLoadBalancerIPPool", "CiliumL2AnnouncementPolicy"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (!spec.Network.L2LoadBalancing)
        {
            yield return Finding.NotApplicable(spec.Where("network.l2LoadBalancing"), "the spec asks for no L2 load balancing");
            yield break;
        }
        var network = facts.Network;
        if (network.Cilium.Count == 0)
            yield return Finding.Fail(new AbsenceEvidence("Cilium installation", facts.Source), "Cilium is not installed", "Cilium with L2 announcements", "absent");
        foreach (var cilium in network.Cilium)
            yield return Checks.Expect(cilium.L2Announcements, Checks.IsTrue, $"{cilium.Install.Name} l2announcements.enabled", "true", cilium.Evidence.Location, on: cilium.Install);
        yield return Present(network.LoadBalancerIpPools, "CiliumLoadBalancerIPPool", facts.Source);
        yield return Present(network.L2AnnouncementPolicies, "CiliumL2AnnouncementPolicy", facts.Source);
    }

    /// <summary>At least one object of the kind in effect: present but switched off (a disabled pool) does not count.</summary>
    private static Finding Present(List<ObjectFact> objects, string kind, string source)
    {
        var on = objects.Where(o => o.Off is null).ToList();
        if (on.Count > 0) return Finding.Pass(on[0].Evidence, $"{on.Count} {kind} declared: {string.Join(", ", on.Select(o => o.Id.Name))}");
        if (objects.Count > 0)
            return Finding.Fail(objects[0].Evidence, $"every {kind} is switched off: {string.Join("; ", objects.Select(o => o.Off))}", $"a {kind} in effect", "none")
                with { Missing = new MissingObject(kind, $"a {kind} in effect") };
        return Finding.Fail(new AbsenceEvidence(kind, source), $"no {kind} declared", $"at least one {kind}", "none");
    }
}
