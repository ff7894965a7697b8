using Homelab.Conformance.Audit;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Rules;

/// <summary>The spec's tolerances decide HL-STO-005's raw capacity and HL-NODE-002's memory, over constructed facts.</summary>
public sealed class ToleranceTests
{
    private const long GiB = 1024L * 1024 * 1024;

    private static readonly ArchitectureSpec Spec = SpecLoader.Load(FixtureAudit.Spec);
    private static readonly LiveEvidence Capacity = new("CephCluster", "rook-ceph", "rook-ceph", "status.ceph.capacity.bytesTotal");
    private static readonly ObjectRef CephCluster = new("CephCluster", "rook-ceph", "rook-ceph");
    private static readonly LiveEvidence Memory = new("Node", null, "talos-1", "status.capacity.memory");

    /// <summary>A CephCluster storing on the spec's OSD nodes and reporting <paramref name="bytes"/> of raw capacity.</summary>
    private static ClusterFacts Ceph(long bytes)
    {
        var facts = new ClusterFacts { Origin = FactOrigin.Live, Source = "cluster test" };
        facts.Storage.Clusters.Add(new CephClusterFact(CephCluster, new LiveEvidence("CephCluster", "rook-ceph", "rook-ceph", ""))
        {
            StorageNodes = Spec.Storage.OsdNodes.Select(n => new Fact<string>(n, new LiveEvidence("CephCluster", "rook-ceph", "rook-ceph", "spec.storage.nodes"))).ToList(),
            RawCapacityBytes = new Fact<long>(bytes, Capacity),
        });
        return facts;
    }

    private static ClusterFacts Node(long memoryBytes)
    {
        var facts = new ClusterFacts { Origin = FactOrigin.Live, Source = "cluster test" };
        var at = new LiveEvidence("Node", null, "talos-1", "");
        facts.Nodes.Add(new NodeFact("talos-1", new Fact<bool>(true, at), at)
        {
            Architecture = new Fact<string>("arm64", at), OperatingSystem = new Fact<string>("Talos (v1.11.5)", at),
            CpuCores = new Fact<long>(8, at), MemoryBytes = new Fact<long>(memoryBytes, Memory),
        });
        return facts;
    }

    private static Finding Only(string ruleId, ArchitectureSpec spec, ClusterFacts facts, Func<Finding, bool> which) =>
        Auditor.Evaluate(RuleCatalogue.Find(ruleId)!, spec, facts).Findings.Should().ContainSingle(f => which(f)).Subject;

    [Fact]
    public void Raw_capacity_within_the_specs_tolerance_passes_and_outside_it_fails()
    {
        var facts = Ceph(3_700_000_000_000); // 7.5 % short of four 1000 GB disks
        var strict = Spec with { Storage = Spec.Storage with { RawCapacityTolerancePercent = 5 } };
        static bool IsCapacity(Finding f) => f.Evidence == Capacity;

        Only("HL-STO-005", Spec, facts, IsCapacity).Should().Be(
            Finding.Pass(Capacity, "rook-ceph has 3700 GB raw capacity; 4 OSD nodes × 1000 GB = 4000 GB").On(CephCluster));
        Only("HL-STO-005", strict, facts, IsCapacity).Should().Be(
            Finding.Fail(Capacity, "rook-ceph has 3700 GB raw capacity; 4 OSD nodes × 1000 GB = 4000 GB: a disk is missing, smaller or not given to Ceph",
                "4000 GB ± 5 %", "3700 GB").On(CephCluster));
    }

    [Fact]
    public void Node_memory_within_the_specs_tolerance_passes_and_outside_it_fails()
    {
        var facts = Node(28 * GiB); // 12.5 % short of 32 GiB
        var strict = Spec with { Nodes = Spec.Nodes with { PerNode = Spec.Nodes.PerNode with { MemoryTolerancePercent = 10 } } };
        static bool IsMemory(Finding f) => f.Evidence == Memory;

        Only("HL-NODE-002", Spec, facts, IsMemory).Should().Be(Finding.Pass(Memory, $"talos-1 memory bytes is {28 * GiB}"));
        Only("HL-NODE-002", strict, facts, IsMemory).Should().Be(Finding.Fail(Memory, $"talos-1 memory bytes is {28 * GiB}",
            $"about 32 GiB (at least {(long)(32 * (1 - 10.0 / 100) * GiB)})", $"{28 * GiB}"));
    }
}
