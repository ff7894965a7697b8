using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_STO_001_CephReplication : Rule
{
    public override string Id => "HL-STO-001";
    public override string Title => "Ceph replication sized for the nodes";
    public override string Claim(ArchitectureSpec spec) =>
        $"Every Ceph pool's replication fits the {Words.Count(spec.Nodes.Count)} nodes: replicated size within the spec's bounds and no larger than the OSD hosts, " +
        $"erasure-coded chunks no more than the OSD hosts, failure domain {spec.Storage.FailureDomain}.";
    public override string Remediation => "Set each pool's `replicated.size` within the spec's bounds (or `erasureCoded` data+coding chunks no more than the OSD hosts) and `failureDomain: host`.";
    public override Area Area => Area.Storage;
    public override IReadOnlyList<string> Reads => ["CephBlockPool", "CephFilesystem", "CephObjectStore"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        var storage = spec.Storage;
        if (facts.Storage.Pools.Count == 0)
        {
            yield return Finding.NothingFound("Ceph pool", facts.Source);
            yield break;
        }
        var hosts = storage.OsdNodes.Count;
        foreach (var pool in facts.Storage.Pools)
        {
            var name = $"pool {pool.Name} ({pool.Owner})";
            if (pool.ErasureCoded)
            {
                var chunks = Sum(pool.DataChunks, pool.CodingChunks);
                yield return Checks.Expect(chunks, n => n <= hosts, $"{name} data+coding chunks", $"at most {hosts} (OSD hosts)", pool.Evidence.Location, pool.Owner);
            }
            else
            {
                yield return Checks.Expect(pool.ReplicatedSize, n => n >= storage.MinReplicas && n <= storage.MaxReplicas && n <= hosts,
                    $"{name} replicated size", $"{storage.MinReplicas}..{Math.Min(storage.MaxReplicas, hosts)}", pool.Evidence.Location, pool.Owner);
            }
            yield return Checks.Expect(pool.FailureDomain, d => d == storage.FailureDomain, $"{name} failure domain", storage.FailureDomain, pool.Evidence.Location, pool.Owner);
        }
    }

    /// <summary>Data plus coding chunks, evidenced by the coding chunks (where the sum is usually tuned).</summary>
    private static Fact<long>? Sum(Fact<long>? data, Fact<long>? coding)
    {
        if (data is null || coding is null) return data ?? coding;
        if (!data.IsKnown) return data;
        if (!coding.IsKnown) return coding;
        return new Fact<long>(data.Value + coding.Value, coding.Evidence);
    }
}
