using System.Globalization;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_STO_002_CephDaemons : Rule
{
    public override string Id => "HL-STO-002";
    public override string Title => "Ceph monitors and managers";
    public override string Claim(ArchitectureSpec spec) => "The Ceph cluster runs the spec's odd number of monitors, one per node at most, and the spec's number of managers.";
    public override string Remediation => "Set the CephCluster `mon.count` (odd, no more than the nodes, `allowMultiplePerNode: false`) and `mgr.count` to the spec's numbers.";
    public override Area Area => Area.Storage;
    public override IReadOnlyList<string> Reads => ["CephCluster"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (facts.Storage.Clusters.Count == 0)
        {
            yield return Finding.NothingFound("CephCluster", facts.Source);
            yield break;
        }
        var mons = spec.Storage.Mons;
        var nodes = spec.Nodes.Count;
        foreach (var cluster in facts.Storage.Clusters)
        {
            var where = cluster.Evidence.Location;
            yield return Checks.Expect(cluster.MonCount, n => n == mons && n % 2 == 1 && n <= nodes, $"{cluster.Id.Name} mon count",
                mons.ToString(CultureInfo.InvariantCulture), where, cluster.Id);
            if (cluster.MonAllowMultiplePerNode is { IsKnown: true, Value: true } multi)
                yield return Finding.Fail(multi.Evidence, $"{cluster.Id.Name} allows several monitors per node, so one node down can lose the quorum", "false", "true").On(cluster.Id);
            yield return Checks.Expect(cluster.MgrCount, n => n == spec.Storage.Mgrs, $"{cluster.Id.Name} mgr count",
                spec.Storage.Mgrs.ToString(CultureInfo.InvariantCulture), where, cluster.Id);
        }
    }
}
