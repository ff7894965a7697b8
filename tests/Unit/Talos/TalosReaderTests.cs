using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using static Homelab.Conformance.Tests.Talos.TalosTestRepo;

namespace Homelab.Conformance.Tests.Talos;

/// <summary>talhelper <c>talconfig.yaml</c>: nodes, roles, defaults, patches in talhelper's order, taints, anchors, unknowns.</summary>
public sealed class TalosReaderTests : IDisposable
{
    private readonly TalosTestRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Talconfig_nodes_carry_their_role_and_the_line_that_declares_them()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            endpoint: https://10.0.0.10:6443
            nodes:
              - hostname: talos-1
                ipAddress: 10.0.0.11
                controlPlane: true
              - hostname: talos-2
                controlPlane: true
              - hostname: talos-4
                ipAddress: 10.0.0.14
            """);

        var facts = _repo.Read();

        facts.Nodes.Select(n => $"{n.Name} {Show(n.ControlPlane)} / {n.Evidence.Location}").Should().Equal(
            "talos-1 True @ talos/talconfig.yaml:6 (nodes[0].controlPlane) / talos/talconfig.yaml:4 (nodes[0].hostname)",
            "talos-2 True @ talos/talconfig.yaml:8 (nodes[1].controlPlane) / talos/talconfig.yaml:7 (nodes[1].hostname)",
            "talos-4 False @ no nodes[2].controlPlane in talos/talconfig.yaml / talos/talconfig.yaml:9 (nodes[2].hostname)");
        _repo.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Settings_nobody_sets_take_the_Talos_defaults_once_per_talconfig()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            nodes:
              - hostname: talos-1
                controlPlane: true
              - hostname: talos-2
                controlPlane: true
              - hostname: talos-4
            """);

        var facts = _repo.Read();

        facts.ControlPlaneScheduling.Select(Show).Should().Equal("False @ no cluster.allowSchedulingOnControlPlanes in talos/talconfig.yaml");
        facts.KubeProxy.DisabledSettings.Select(Show).Should().Equal("False @ no cluster.proxy.disabled in talos/talconfig.yaml");
        facts.KubeProxy.CniSettings.Select(Show).Should().Equal("flannel @ no cluster.network.cni.name in talos/talconfig.yaml");
        facts.ControlPlaneScheduling[0].Evidence.Should().Be(new AbsenceEvidence("cluster.allowSchedulingOnControlPlanes", "talos/talconfig.yaml"));
    }

    [Fact]
    public void Talconfig_fields_are_the_base_a_node_patch_beats_a_role_patch_beats_a_global_one()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            allowSchedulingOnControlPlanes: false
            cniConfig:
              name: none
            patches:
              - "@./patches/global.yaml"
            controlPlane:
              patches:
                - "@./patches/controlplane.yaml"
            nodes:
              - hostname: talos-1
                controlPlane: true
              - hostname: talos-2
                controlPlane: true
                patches:
                  - "@./patches/talos-2.yaml"
              - hostname: talos-4
            """)
            .Write("talos/patches/global.yaml", """
            cluster:
              proxy:
                disabled: false
              allowSchedulingOnControlPlanes: false
            """)
            .Write("talos/patches/controlplane.yaml", """
            cluster:
              proxy:
                disabled: true
              allowSchedulingOnControlPlanes: true
            """)
            .Write("talos/patches/talos-2.yaml", """
            cluster:
              allowSchedulingOnControlPlanes: false
            """);

        var facts = _repo.Read();

        facts.ControlPlaneScheduling.Select(Show).Should().Equal(
            "True @ talos/patches/controlplane.yaml:4 (cluster.allowSchedulingOnControlPlanes)",
            "False @ talos/patches/talos-2.yaml:2 (cluster.allowSchedulingOnControlPlanes)");
        facts.KubeProxy.DisabledSettings.Select(Show).Should().Equal("True @ talos/patches/controlplane.yaml:3 (cluster.proxy.disabled)");
        facts.KubeProxy.CniSettings.Select(Show).Should().Equal("none @ talos/talconfig.yaml:4 (cniConfig.name)");
        _repo.Problems.Should().BeEmpty();
    }

    [Fact]
    public void OverridePatches_puts_a_nodes_patches_in_place_of_its_groups()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            patches:
              - "@./global.yaml"
            controlPlane:
              patches:
                - "@./controlplane.yaml"
            nodes:
              - hostname: talos-1
                controlPlane: true
                overridePatches: true
            """)
            .Write("talos/global.yaml", "cluster:\n  allowSchedulingOnControlPlanes: true\n")
            .Write("talos/controlplane.yaml", "cluster:\n  allowSchedulingOnControlPlanes: false\n");

        _repo.Read().ControlPlaneScheduling.Select(Show).Should().Equal(
            "True @ talos/global.yaml:2 (cluster.allowSchedulingOnControlPlanes)");
    }

    [Fact]
    public void Inline_patches_point_at_their_own_talconfig_lines()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            controlPlane:
              patches:
                - |-
                  cluster:
                    proxy:
                      disabled: true
                - cluster:
                    allowSchedulingOnControlPlanes: true
            nodes:
              - hostname: talos-1
                controlPlane: true
                patches:
                  - |-
                    - op: add
                      path: /cluster/network/cni/name
                      value: none
            """);

        var facts = _repo.Read();

        facts.KubeProxy.DisabledSettings.Select(Show).Should().Equal("True @ talos/talconfig.yaml:7 (cluster.proxy.disabled)");
        facts.ControlPlaneScheduling.Select(Show).Should().Equal(
            "True @ talos/talconfig.yaml:9 (controlPlane.patches[1].cluster.allowSchedulingOnControlPlanes)");
        facts.KubeProxy.CniSettings.Select(Show).Should().Equal("none @ talos/talconfig.yaml:17 ([0].value)");
        _repo.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Taints_come_from_nodeTaints_of_the_group_or_the_node_and_patches_can_delete_them()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            controlPlane:
              nodeTaints:
                dedicated: control:NoSchedule
                storage: NoExecute
              patches:
                - |-
                  machine:
                    nodeTaints:
                      storage:
                        $patch: delete
            nodes:
              - hostname: talos-1
                controlPlane: true
              - hostname: talos-2
                controlPlane: true
                nodeTaints:
                  gpu: "true:PreferNoSchedule"
            """);

        var facts = _repo.Read();

        facts.Nodes[0].Taints.Select(Show).Should().Equal("dedicated=control:NoSchedule @ talos/talconfig.yaml:4 (controlPlane.nodeTaints.dedicated)");
        facts.Nodes[1].Taints.Select(Show).Should().Equal("gpu=true:PreferNoSchedule @ talos/talconfig.yaml:18 (nodes[1].nodeTaints.gpu)");
        facts.Nodes[0].Taints[0].Value.Should().Be(new Taint("dedicated", "control", "NoSchedule"));
    }

    [Fact]
    public void Anchors_and_merge_keys_resolve_to_the_line_that_wrote_the_value()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            nodes:
              - hostname: talos-1
                <<: &controlplane
                  controlPlane: true
                  machineSpec:
                    arch: arm64
              - hostname: talos-2
                <<: *controlplane
              - hostname: talos-4
                machineSpec:
                  arch: amd64
            """);

        var facts = _repo.Read();

        facts.Nodes.Select(n => $"{n.Name} {Show(n.ControlPlane)} {Show(n.Architecture!)}").Should().Equal(
            "talos-1 True @ talos/talconfig.yaml:5 (nodes[0].controlPlane) arm64 @ talos/talconfig.yaml:7 (nodes[0].machineSpec.arch)",
            "talos-2 True @ talos/talconfig.yaml:5 (nodes[0].controlPlane) arm64 @ talos/talconfig.yaml:7 (nodes[0].machineSpec.arch)",
            "talos-4 False @ no nodes[2].controlPlane in talos/talconfig.yaml amd64 @ talos/talconfig.yaml:12 (nodes[2].machineSpec.arch)");
    }

    [Fact]
    public void Sops_encrypted_values_are_unknown_and_the_sops_block_is_ignored()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            allowSchedulingOnControlPlanes: ENC[AES256_GCM,data:dHJ1ZQ==,iv:aXY=,tag:dGFn,type:bool]
            nodes:
              - hostname: talos-1
                controlPlane: true
            sops:
              age:
                - recipient: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
              lastmodified: "2024-01-01T00:00:00Z"
              mac: ENC[AES256_GCM,data:eA==,iv:aXY=,tag:dGFn,type:str]
              encrypted_regex: ^allowSchedulingOnControlPlanes$
              version: 3.8.1
            """);

        var facts = _repo.Read();

        facts.ControlPlaneScheduling.Should().ContainSingle()
            .Which.Should().Be(Fact<bool>.NotKnown(new RepoEvidence("talos/talconfig.yaml", 2, 33, "allowSchedulingOnControlPlanes"), ScalarNode.EncryptedValue));
        facts.Nodes.Select(n => n.Name).Should().Equal("talos-1");
        _repo.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Talenv_variables_are_unknown_never_guessed()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            cniConfig:
              name: ${CNI_NAME}
            nodes:
              - hostname: ${NODE1_NAME}
                controlPlane: true
              - hostname: talos-2
                controlPlane: true
            """);

        var facts = _repo.Read();

        facts.KubeProxy.CniSettings.Select(Show).Should().Equal(
            "<talenv variable ${CNI_NAME}, not resolved offline> @ talos/talconfig.yaml:3 (cniConfig.name)");
        facts.Nodes.Select(n => $"{n.Name} {Show(n.ControlPlane)}").Should().Equal(
            "${NODE1_NAME} <hostname: talenv variable ${NODE1_NAME}, not resolved offline> @ talos/talconfig.yaml:5 (nodes[0].hostname)",
            "talos-2 True @ talos/talconfig.yaml:8 (nodes[1].controlPlane)");
    }

    [Fact]
    public void A_missing_patch_file_is_an_error_at_the_talconfig_line_and_the_rest_is_still_read()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            patches:
              - "@./patches/missing.yaml"
            nodes:
              - hostname: talos-1
                controlPlane: true
            """);

        var facts = _repo.Read();

        _repo.Problems.Select(p => $"{p.Severity} {p}").Should().Equal(
            "Error talos/talconfig.yaml:3 (patches[0]): patch file './patches/missing.yaml' does not exist");
        facts.Nodes.Select(n => n.Name).Should().Equal("talos-1");
    }

    [Fact]
    public void A_patch_outside_the_repository_is_not_read()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            patches:
              - "@../../outside.yaml"
            nodes:
              - hostname: talos-1
                controlPlane: true
            """);

        _repo.Read();

        _repo.Problems.Select(p => p.ToString()).Should().Equal(
            "talos/talconfig.yaml:3 (patches[0]): '../../outside.yaml' points outside the repository; it is not read");
    }

    [Fact]
    public void Go_template_values_in_a_patch_file_are_unknown()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            patches:
              - "@./patches/scheduling.yaml"
            nodes:
              - hostname: talos-1
                controlPlane: true
            """)
            .Write("talos/patches/scheduling.yaml", """
            cluster:
              allowSchedulingOnControlPlanes: "{{ .Scheduling }}"
            """);

        _repo.Read().ControlPlaneScheduling.Select(Show).Should().Equal(
            "<template expression, not rendered offline> @ talos/patches/scheduling.yaml:2 (cluster.allowSchedulingOnControlPlanes)");
    }

    [Fact]
    public void Broken_inline_patches_nameless_nodes_and_unappliable_operations_are_problems_at_their_lines()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            patches:
              - |-
                cluster:
                  proxy: [disabled
              - |-
                - op: move
                  from: /cluster/missing
                  path: /cluster/other
            nodes:
              - ipAddress: 10.0.0.11
                controlPlane: true
              - hostname: talos-2
                controlPlane: true
            """);

        var facts = _repo.Read();

        _repo.Problems.Select(p => $"{p.Severity} {p.Where.Location}").Should().Equal(
            "Error talos/talconfig.yaml:6",
            "Error talos/talconfig.yaml:11 (nodes[0])",
            "Warning talos/talconfig.yaml:7 ([0])");
        _repo.Problems[0].Cause.Should().StartWith("inline patch: invalid YAML");
        _repo.Problems[1].Cause.Should().Be("talhelper node has no hostname; it is not read");
        _repo.Problems[2].Cause.Should().StartWith("JSON patch operation cannot be applied offline");
        facts.Nodes.Select(n => n.Name).Should().Equal("talos-2");
    }
}
