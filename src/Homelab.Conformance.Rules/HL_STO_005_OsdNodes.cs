using System.Globalization;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_STO_005_OsdNodes : Rule
{
    public override string Id => "HL-STO-005";
    public override string Title => "OSDs on the spec's storage nodes";
    public override string Claim(ArchitectureSpec spec) => "Ceph stores data on the NVMe of exactly the spec's OSD nodes, and its raw capacity is theirs (one disk of the spec's size each).";
    public override string Remediation => "List exactly the spec's OSD nodes under the CephCluster `storage.nodes` (or set `useAllNodes: true` when every node is one).";
    public override Area Area => Area.Storage;
    public override IReadOnlyList<string> DocsKeys => ["nodes.perNode.diskGB", "resources.diskGB"];
    public override IReadOnlyList<string> Reads => ["CephCluster", "Pod"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (facts.Storage.Clusters.Count == 0)
        {
            yield return Finding.NothingFound("CephCluster", facts.Source);
            yield break;
        }
        var wanted = spec.Storage.OsdNodes.ToHashSet(StringComparer.Ordinal);
        foreach (var cluster in facts.Storage.Clusters)
            foreach (var finding in StorageNodes(spec, facts, cluster, wanted)) yield return finding.On(cluster.Id);
        // A running cluster also shows how much raw space the OSDs give (its status), and where they run (its pods).
        foreach (var cluster in facts.Storage.Clusters.Where(c => c.RawCapacityBytes is { IsKnown: true }))
            yield return Capacity(spec, cluster.Id.Name, cluster.RawCapacityBytes!).On(cluster.Id);
        if (!facts.Storage.OsdPodListing.IsComplete) yield break;
        foreach (var node in spec.Storage.OsdNodes)
            yield return facts.Storage.OsdPods.FirstOrDefault(p => p.IsKnown && p.Value == node) is { } osd
                ? Finding.Pass(osd.Evidence, $"an OSD runs on {node}")
                : Finding.Fail(new AbsenceEvidence($"OSD pod on {node}", facts.Source), $"no OSD runs on {node}", $"an OSD pod on {node}", "none");
    }

    private static Finding Capacity(ArchitectureSpec spec, string cluster, Fact<long> bytes)
    {
        var expected = (double)spec.Storage.OsdNodes.Count * spec.Nodes.PerNode.DiskGB * 1e9;
        var found = bytes.Value / 1e9;
        var text = $"{cluster} has {found:0} GB raw capacity; {spec.Storage.OsdNodes.Count} OSD nodes × {spec.Nodes.PerNode.DiskGB} GB = {expected / 1e9:0} GB";
        // The spec's tolerance absorbs marketing gigabytes, partitions and metadata.
        var tolerance = spec.Storage.RawCapacityTolerancePercent;
        return Math.Abs(bytes.Value - expected) <= expected * tolerance / 100
            ? Finding.Pass(bytes.Evidence, text)
            : Finding.Fail(bytes.Evidence, $"{text}: a disk is missing, smaller or not given to Ceph",
                $"{expected / 1e9:0} GB ± {tolerance.ToString("0.##", CultureInfo.InvariantCulture)} %", $"{found:0} GB");
    }

    /// <summary>Where one CephCluster stores: the nodes it names against the spec's OSD nodes and the cluster's nodes.</summary>
    private static IEnumerable<Finding> StorageNodes(ArchitectureSpec spec, ClusterFacts facts, CephClusterFact cluster, HashSet<string> wanted)
    {
        if (cluster.UseAllNodes is { IsKnown: true, Value: true } all)
        {
            yield return spec.Storage.OsdNodes.Count == spec.Nodes.Count
                ? Finding.Pass(all.Evidence, $"{cluster.Id.Name} uses all nodes, and the spec makes every node an OSD node")
                : Finding.Fail(all.Evidence, $"{cluster.Id.Name} uses all nodes, but the spec names {spec.Storage.OsdNodes.Count} of {spec.Nodes.Count}", string.Join(", ", wanted), "all nodes");
            yield break;
        }
        if (cluster.StorageNodes.Count == 0 && cluster.UseAllNodes is { IsKnown: false } unknown)
        {
            yield return Finding.Inconclusive(unknown.Evidence, $"{cluster.Id.Name} names no storage nodes, and whether it uses all nodes is not known: {unknown.Unknown}");
            yield break;
        }
        if (cluster.StorageNodes.Count == 0)
        {
            yield return Finding.Fail(cluster.UseAllNodes?.Evidence ?? cluster.Evidence, $"{cluster.Id.Name} names no storage nodes", string.Join(", ", wanted), "none");
            yield break;
        }
        foreach (var node in cluster.StorageNodes.Where(n => n.IsKnown))
            yield return !wanted.Contains(node.Value)
                ? Finding.Fail(node.Evidence, $"{cluster.Id.Name} stores on {node.Value}, which the spec does not name", string.Join(", ", wanted), node.Value)
                : cluster.NodesWithoutDevices.Any(n => n.IsKnown && n.Value == node.Value)
                    ? Finding.Fail(node.Evidence, $"{cluster.Id.Name} lists {node.Value}, but it selects no device there (no devices, filters or useAllDevices, its own or the cluster's): Rook makes no OSD", "a device", "none")
                    : Finding.Pass(node.Evidence, $"{cluster.Id.Name} stores on {node.Value}");
        // Rook matches storage nodes by their kubernetes.io/hostname: a name no node has gets no OSD.
        var nodeNames = facts.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        if (facts.Nodes.Count > 0)
            foreach (var node in cluster.StorageNodes.Where(n => n.IsKnown && !nodeNames.Contains(n.Value)))
                yield return Finding.Fail(node.Evidence,
                    $"{cluster.Id.Name} stores on {node.Value}, which is no node of the cluster ({string.Join(", ", nodeNames)}, {facts.Nodes[0].Evidence.Location}): Rook makes no OSD for it",
                    string.Join(" or ", nodeNames), node.Value);
        foreach (var missing in wanted.Where(w => cluster.StorageNodes.All(n => n.Value != w)))
            yield return Finding.Fail(cluster.StorageNodes[0].Evidence, $"{cluster.Id.Name} does not store on {missing}", missing, "absent");
    }
}
