using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Live.Tests;

/// <summary>
/// The spec's tolerances change the live verdict on the same cluster: the seeded Ceph reports
/// 4,000.8 GB raw and each node about 31 GiB, and the spec's numbers decide whether that is enough.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class ToleranceTests(LiveCluster cluster)
{
    private static readonly LiveEvidence RawCapacity = new("CephCluster", "rook-ceph", "rook-ceph", "status.ceph.capacity.bytesTotal");
    private static readonly ObjectRef CephCluster = new("CephCluster", "rook-ceph", "rook-ceph");

    /// <summary>The fixture spec with some of its text replaced.</summary>
    private ArchitectureSpec Spec(params (string From, string To)[] edits)
    {
        var text = File.ReadAllText(cluster.Spec.File);
        foreach (var (from, to) in edits)
        {
            text.Should().Contain(from);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return SpecLoader.Parse(cluster.Spec.File, text);
    }

    [Fact]
    public async Task The_raw_capacity_tolerance_of_the_spec_decides_HL_STO_005()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.SeedsNodes) Assert.Skip($"the capacities are those of the four seeded nodes, not of {cluster.Target}'s");
        var facts = (await cluster.AuditAsync()).Facts!;
        var today = DateOnly.FromDateTime(DateTime.Now);
        // 1100 GB disks: four make 4400 GB, 9.1 % more than Ceph reports.
        var lenient = Spec(("diskGB: 1000", "diskGB: 1100"));
        var strict = Spec(("diskGB: 1000", "diskGB: 1100"), ("rawCapacityTolerancePercent: 10", "rawCapacityTolerancePercent: 5"));

        var pass = Auditor.Run(lenient, facts, today)["HL-STO-005"];
        var fail = Auditor.Run(strict, facts, today)["HL-STO-005"];

        pass.Outcome.Should().Be(Outcome.Pass, string.Join(Environment.NewLine, pass.Findings));
        pass.Findings.Should().Contain(Finding.Pass(RawCapacity, "rook-ceph has 4001 GB raw capacity; 4 OSD nodes × 1100 GB = 4400 GB").On(CephCluster));
        fail.Outcome.Should().Be(Outcome.Fail);
        fail.Failures.Should().Equal(Finding.Fail(RawCapacity,
            "rook-ceph has 4001 GB raw capacity; 4 OSD nodes × 1100 GB = 4400 GB: a disk is missing, smaller or not given to Ceph", "4400 GB ± 5 %", "4001 GB").On(CephCluster));
    }

    [Fact]
    public async Task The_memory_tolerance_of_the_spec_decides_HL_NODE_002()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.SeedsNodes) Assert.Skip($"the node sizes are those of the four seeded nodes, not of {cluster.Target}'s");
        var facts = (await cluster.AuditAsync()).Facts!;
        // 32499732Ki is 96.9 % of 32 GiB: within 15 %, not within 2 %.
        var strict = Spec(("memoryTolerancePercent: 15", "memoryTolerancePercent: 2"));

        var result = Auditor.Run(strict, facts, DateOnly.FromDateTime(DateTime.Now))["HL-NODE-002"];

        cluster.Spec.Nodes.PerNode.MemoryTolerancePercent.Should().Be(15);
        cluster.Conforming["HL-NODE-002"].Outcome.Should().Be(Outcome.Pass);
        result.Outcome.Should().Be(Outcome.Fail);
        result.Failures.Select(f => f.Evidence).Should().Equal(
            Enumerable.Range(1, 4).Select(n => new LiveEvidence("Node", null, $"talos-{n}", "status.capacity.memory")));
        result.Failures.Should().AllSatisfy(f => f.Expected.Should().Be($"about 32 GiB (at least {(long)(32 * (1 - 2.0 / 100) * 1024 * 1024 * 1024)})"));
    }
}
