using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Git.Talos;

namespace Homelab.Conformance.Tests.Talos;

/// <summary>The reference homelab fixture's talhelper config reads as the architecture describes it.</summary>
public sealed class TalosFixtureTests
{
    [Fact]
    public void The_homelab_fixture_declares_three_schedulable_control_planes_without_kube_proxy_or_a_Talos_CNI()
    {
        var log = new ProblemLog();
        var repo = new RepoFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "homelab"), log);
        var facts = new ClusterFacts { Origin = FactOrigin.Repo, Source = "fixture" };

        TalosReader.Read(repo, log, facts);

        facts.Nodes.Select(n => $"{n.Name} {n.ControlPlane}").Should().Equal("talos-1 True", "talos-2 True", "talos-3 True", "talos-4 False");
        facts.Nodes.Should().OnlyContain(n => n.Taints.Count == 0);
        facts.ControlPlaneScheduling.Select(TalosTestRepo.Show).Should().Equal("True @ talos/talconfig.yaml:10 (allowSchedulingOnControlPlanes)");
        facts.KubeProxy.DisabledSettings.Select(TalosTestRepo.Show).Should().Equal("True @ talos/patches/cluster.yaml:13 (cluster.proxy.disabled)");
        facts.KubeProxy.CniSettings.Select(TalosTestRepo.Show).Should().Equal("none @ talos/patches/cluster.yaml:11 (cluster.network.cni.name)");
        log.Problems.Where(p => p.Where is RepoEvidence { File: var file } && file.StartsWith("talos/", StringComparison.Ordinal)).Should().BeEmpty();
    }
}
