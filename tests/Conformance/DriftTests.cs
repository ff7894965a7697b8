using Homelab.Conformance.Live.Tests.Harness;
using Homelab.Conformance.Provenance;
using Homelab.Seed;

namespace Homelab.Conformance.Live.Tests;

/// <summary>Drift between the fixture repo and the seeded cluster: none when they agree, each difference when not.</summary>
[Collection(LiveCollection.Name)]
public sealed class DriftTests(LiveCluster cluster)
{
    [Fact]
    public async Task The_conforming_cluster_has_not_drifted_from_the_fixture_repo()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.Seeded) Assert.Skip($"the fixture repo describes the seeded cluster, not {cluster.Target}");
        (await cluster.AllAsync()).Drift.Should().BeEmpty();
    }

    [Fact]
    public async Task A_pool_resized_in_the_cluster_is_drift_with_both_places()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.Seeded) Assert.Skip($"drift scenarios change the cluster: they run only on a seeded throwaway cluster, not on {cluster.Target}");
        var scenario = LiveScenario.All(LiveCluster.LiveRoot).Single(s => s.Rule == "HL-STO-001");
        var runner = new ScenarioRunner(cluster);
        try
        {
            await runner.Apply(scenario);
            var drift = (await cluster.AllAsync()).Drift;
            var item = drift.Should().ContainSingle().Subject;
            item.Subject.Should().Be("pool ceph-blockpool replicated size");
            (item.Declared, item.Live).Should().Be(("3", "5"));
            item.DeclaredAt.Should().BeOfType<ChartDefaultEvidence>().Which.YamlPath.Should().Be("cephBlockPools[0].spec.replicated.size");
            item.LiveAt.Should().Be(new LiveEvidence("CephBlockPool", "rook-ceph", "ceph-blockpool", "spec.replicated.size"));
        }
        finally
        {
            await runner.Restore(scenario);
        }
    }
}
