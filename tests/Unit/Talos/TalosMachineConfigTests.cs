using Homelab.Conformance.Documents;
using static Homelab.Conformance.Tests.Talos.TalosTestRepo;

namespace Homelab.Conformance.Tests.Talos;

/// <summary>Full machine configs (<c>talosctl gen config</c> output, multi-document) and patch files no talconfig names.</summary>
public sealed class TalosMachineConfigTests : IDisposable
{
    private readonly TalosTestRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void A_full_control_plane_config_is_a_node_with_its_settings_and_taints()
    {
        _repo.Write("talos/controlplane.yaml", """
            version: v1alpha1
            debug: false
            machine:
              type: controlplane
              token: ENC[AES256_GCM,data:YWJj,iv:aXY=,tag:dGFn,type:str]
              network:
                hostname: talos-1
              nodeTaints:
                maintenance: NoExecute
            cluster:
              network:
                cni:
                  name: none
              proxy:
                disabled: true
            """);

        var facts = _repo.Read();

        var node = facts.Nodes.Should().ContainSingle().Subject;
        $"{node.Name} {Show(node.ControlPlane)} / {node.Evidence.Location}".Should().Be(
            "talos-1 True @ talos/controlplane.yaml:4 (machine.type) / talos/controlplane.yaml:7 (machine.network.hostname)");
        node.Taints.Select(Show).Should().Equal("maintenance:NoExecute @ talos/controlplane.yaml:9 (machine.nodeTaints.maintenance)");
        facts.ControlPlaneScheduling.Select(Show).Should().Equal("False @ no cluster.allowSchedulingOnControlPlanes in talos/controlplane.yaml");
        facts.KubeProxy.DisabledSettings.Select(Show).Should().Equal("True @ talos/controlplane.yaml:15 (cluster.proxy.disabled)");
        facts.KubeProxy.CniSettings.Select(Show).Should().Equal("none @ talos/controlplane.yaml:13 (cluster.network.cni.name)");
        _repo.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_worker_config_without_hostname_adds_neither_a_node_nor_control_plane_settings()
    {
        _repo.Write("talos/worker.yaml", """
            version: v1alpha1
            machine:
              type: worker
            cluster:
              proxy:
                disabled: false
            """);

        var facts = _repo.Read();

        facts.Nodes.Should().BeEmpty();
        facts.ControlPlaneScheduling.Should().BeEmpty();
        facts.KubeProxy.DisabledSettings.Should().BeEmpty();
    }

    [Theory]
    [InlineData("enabled: false", true)]
    [InlineData("disabled: true", true)]
    [InlineData("enabled: true", false)]
    public void A_KubeProxyConfig_document_beside_the_config_decides_kube_proxy(string line, bool disabled)
    {
        _repo.Write("talos/controlplane.yaml", $"""
            version: v1alpha1
            machine:
              type: controlplane
            cluster:
              clusterName: home
            ---
            apiVersion: v1alpha1
            kind: KubeProxyConfig
            {line}
            """);

        var fact = _repo.Read().KubeProxy.DisabledSettings.Should().ContainSingle().Subject;

        Show(fact).Should().Be($"{disabled} @ talos/controlplane.yaml:9 ({line[..line.IndexOf(':')]})");
    }

    [Fact]
    public void KubeNodeConfig_taints_and_HostnameConfig_of_the_multi_document_format_are_read()
    {
        _repo.Write("talos/talos-2.yaml", """
            version: v1alpha1
            machine:
              type: worker
            ---
            apiVersion: v1alpha1
            kind: HostnameConfig
            hostname: talos-2
            ---
            apiVersion: v1alpha1
            kind: KubeNodeConfig
            taints:
              gpu: "true:NoSchedule"
            """);

        var node = _repo.Read().Nodes.Should().ContainSingle().Subject;

        $"{node.Name} {Show(node.ControlPlane)} / {node.Evidence.Location}".Should().Be(
            "talos-2 False @ talos/talos-2.yaml:3 (machine.type) / talos/talos-2.yaml:7 (hostname)");
        node.Taints.Select(Show).Should().Equal("gpu=true:NoSchedule @ talos/talos-2.yaml:12 (taints.gpu)");
    }

    [Fact]
    public void Encrypted_settings_of_a_full_config_are_unknown()
    {
        _repo.Write("talos/controlplane.sops.yaml", """
            version: v1alpha1
            machine:
              type: controlplane
              network:
                hostname: talos-1
            cluster:
              proxy:
                disabled: ENC[AES256_GCM,data:dHJ1ZQ==,iv:aXY=,tag:dGFn,type:bool]
            sops:
              lastmodified: "2024-01-01T00:00:00Z"
              mac: ENC[AES256_GCM,data:eA==,iv:aXY=,tag:dGFn,type:str]
              encrypted_regex: ^disabled$
              version: 3.8.1
            """);

        var facts = _repo.Read();

        facts.KubeProxy.DisabledSettings.Select(Show).Should().Equal(
            $"<{ScalarNode.EncryptedValue}> @ talos/controlplane.sops.yaml:8 (cluster.proxy.disabled)");
        _repo.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_patch_file_no_talconfig_names_applies_to_the_whole_cluster()
    {
        _repo.Write("talos/patches/cilium.yaml", """
            cluster:
              network:
                cni:
                  name: none
              proxy:
                disabled: true
            """)
            .Write("talos/patches/taints.yaml", """
            machine:
              nodeTaints:
                role: infra:NoSchedule
            """)
            .Write("talos/controlplane.yaml", """
            version: v1alpha1
            machine:
              type: controlplane
              network:
                hostname: talos-1
            """)
            .Write("talos/worker.yaml", """
            version: v1alpha1
            machine:
              type: worker
              network:
                hostname: talos-4
            """);

        var facts = _repo.Read();

        facts.KubeProxy.DisabledSettings.Select(Show).Should().Equal(
            "False @ no cluster.proxy.disabled in talos/controlplane.yaml",
            "True @ talos/patches/cilium.yaml:6 (cluster.proxy.disabled)");
        facts.KubeProxy.CniSettings.Select(Show).Should().Contain("none @ talos/patches/cilium.yaml:4 (cluster.network.cni.name)");
        facts.ControlPlaneScheduling.Select(Show).Should().Equal("False @ no cluster.allowSchedulingOnControlPlanes in talos/controlplane.yaml");
        facts.Nodes.Should().HaveCount(2).And.OnlyContain(n =>
            n.Taints.Select(Show).SequenceEqual(new[] { "role=infra:NoSchedule @ talos/patches/taints.yaml:3 (machine.nodeTaints.role)" }));
    }

    [Fact]
    public void A_patch_file_a_talconfig_names_counts_once_through_the_talconfig()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            controlPlane:
              patches:
                - "@./patches/cilium.yaml"
            nodes:
              - hostname: talos-1
                controlPlane: true
            """)
            .Write("talos/patches/cilium.yaml", """
            cluster:
              proxy:
                disabled: true
            """);

        _repo.Read().KubeProxy.DisabledSettings.Select(Show).Should().Equal("True @ talos/patches/cilium.yaml:3 (cluster.proxy.disabled)");
    }

    [Fact]
    public void A_standalone_json_patch_on_cluster_paths_is_read()
    {
        _repo.Write("talos/patches/proxy.yaml", """
            - op: add
              path: /cluster/proxy
              value:
                disabled: true
            """);

        _repo.Read().KubeProxy.DisabledSettings.Select(Show).Should().Equal("True @ talos/patches/proxy.yaml:4 ([0].value.disabled)");
    }
}
