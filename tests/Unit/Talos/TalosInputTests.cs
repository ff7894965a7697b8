using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Tests.Talos;

/// <summary>What is not Talos is left alone; what is Talos but cannot be read offline is a warning, never a crash.</summary>
public sealed class TalosInputTests : IDisposable
{
    private const string TemplateWarning = "templated Talos config is not rendered offline; its values are not read";

    private readonly TalosTestRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Kubernetes_manifests_Flux_objects_Helm_values_and_talsecret_are_ignored_quietly()
    {
        _repo.Write("apps/cilium/helmrelease.yaml", """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: cilium
              namespace: kube-system
            spec:
              values:
                kubeProxyReplacement: true
            """)
            .Write("apps/cilium/values.yaml", """
            cluster:
              name: home
              id: 1
            """)
            .Write("apps/app/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              template:
                spec:
                  nodeSelector:
                    node-role.kubernetes.io/control-plane: ""
            """)
            .Write("charts/app/templates/service.yaml", """
            {{- if .Values.service.enabled }}
            apiVersion: v1
            kind: Service
            metadata:
              name: {{ .Release.Name }}
            {{- end }}
            """)
            .Write("charts/app/templates/_helpers.tpl", """
            {{- define "app.name" -}}
            {{ .Chart.Name }}
            {{- end }}
            """)
            .Write("talos/talsecret.sops.yaml", """
            cluster:
              id: ENC[AES256_GCM,data:aWQ=,iv:aXY=,tag:dGFn,type:str]
              secret: ENC[AES256_GCM,data:c2VjcmV0,iv:aXY=,tag:dGFn,type:str]
            secrets:
              bootstraptoken: ENC[AES256_GCM,data:dG9rZW4=,iv:aXY=,tag:dGFn,type:str]
            """);

        var facts = _repo.Read();

        facts.Nodes.Should().BeEmpty();
        facts.ControlPlaneScheduling.Should().BeEmpty();
        facts.KubeProxy.DisabledSettings.Should().BeEmpty();
        facts.KubeProxy.CniSettings.Should().BeEmpty();
        _repo.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_jinja_talconfig_is_a_warning_at_the_line_where_it_stops_being_yaml()
    {
        _repo.Write("talos/talconfig.yaml.j2", """
            clusterName: home
            nodes:
            {% for node in nodes %}
              - hostname: {{ node.name }}
            {% endfor %}
            """);

        var facts = _repo.Read();

        var problem = _repo.Problems.Should().ContainSingle().Subject;
        problem.Severity.Should().Be(Severity.Warning);
        // Unrendered, "{% for ... %}" still reads as a flow mapping; the list item after it is where YAML breaks.
        problem.Where.Should().BeOfType<RepoEvidence>().Which.Should().Match<RepoEvidence>(r => r.File == "talos/talconfig.yaml.j2" && r.Line == 4);
        problem.Cause.Should().Contain("unrendered, it is invalid YAML: ");
        problem.Cause.Should().StartWith(TemplateWarning);
        facts.Nodes.Should().BeEmpty();
    }

    [Fact]
    public void A_templated_machine_config_is_a_warning_and_its_values_are_not_read()
    {
        _repo.Write("talos/controlplane.yaml.tmpl", """
            version: v1alpha1
            machine:
              type: controlplane
              network:
                hostname: "{{ .Hostname }}"
            cluster:
              proxy:
                disabled: true
            """)
            .Write("talos/worker.yaml", """
            version: v1alpha1
            machine:
              type: worker
            {% if gpu %}
              nodeTaints:
                gpu: "true:NoSchedule"
            {% endif %}
            """);

        var facts = _repo.Read();

        _repo.Problems.Select(p => $"{p.Severity} {p.Where.Location}").Should().BeEquivalentTo(
            "Warning talos/controlplane.yaml.tmpl:1", "Warning talos/worker.yaml:4");
        _repo.Problems.Should().OnlyContain(p => p.Cause.StartsWith(TemplateWarning, StringComparison.Ordinal));
        facts.Nodes.Should().BeEmpty();
        facts.KubeProxy.DisabledSettings.Should().BeEmpty();
    }

    [Fact]
    public void A_talconfig_patch_that_is_a_template_is_a_warning()
    {
        _repo.Write("talos/talconfig.yaml", """
            clusterName: home
            patches:
              - "@./patches/network.yaml.j2"
            nodes:
              - hostname: talos-1
                controlPlane: true
            """)
            .Write("talos/patches/network.yaml.j2", """
            cluster:
              proxy:
                disabled: {{ disable_proxy }}
            """);

        var facts = _repo.Read();

        _repo.Problems.Select(p => $"{p.Severity} {p.Where.Location}").Should().Equal("Warning talos/patches/network.yaml.j2:3");
        // The unread patch may set it: Talos' default is no longer known to apply.
        facts.KubeProxy.DisabledSettings.Select(TalosTestRepo.Show).Should().Equal(
            "<cluster.proxy.disabled is set by nothing read, and the config is not all read: patch file talos/patches/network.yaml.j2 is templated or unreadable and not read> @ no cluster.proxy.disabled in talos/talconfig.yaml");
    }

    [Fact]
    public void A_node_patch_leaves_unset_settings_unknown_for_its_base_is_not_read()
    {
        _repo.Write("talos/nodes/n1.yaml", """
            machine:
              type: controlplane
              network:
                hostname: n1
            """);

        var facts = _repo.Read();

        facts.KubeProxy.DisabledSettings.Should().ContainSingle().Which.Unknown.Should().Contain("talos/nodes/n1.yaml is one node's patch");
        facts.ControlPlaneScheduling.Should().ContainSingle().Which.IsKnown.Should().BeFalse();
        facts.KubeProxy.CniSettings.Should().ContainSingle().Which.IsKnown.Should().BeFalse();
    }

    [Fact]
    public void A_template_named_file_without_template_syntax_is_read_as_the_yaml_it_is()
    {
        _repo.Write("talos/nodes/n1.yaml.j2", """
            machine:
              type: controlplane
              nodeLabels:
                topology.kubernetes.io/zone: rack-a
            ---
            apiVersion: v1alpha1
            kind: HostnameConfig
            hostname: n1
            """);

        var facts = _repo.Read();

        _repo.Problems.Should().BeEmpty("rendering a file without template syntax changes nothing");
        var node = facts.Nodes.Should().ContainSingle().Subject;
        node.Name.Should().Be("n1");
        TalosTestRepo.Show(node.ControlPlane).Should().Be("True @ talos/nodes/n1.yaml.j2:2 (machine.type)");
        node.Evidence.Location.Should().Be("talos/nodes/n1.yaml.j2:8 (hostname)");
    }

    [Fact]
    public void Node_patches_are_one_node_each_and_their_taints_stay_on_their_node()
    {
        _repo.Write("talos/nodes/n1.yaml", """
            machine:
              type: controlplane
              network:
                hostname: n1
            """)
            .Write("talos/nodes/n2.yaml", """
            machine:
              type: worker
              nodeTaints:
                gpu: "true:NoSchedule"
            ---
            apiVersion: v1alpha1
            kind: HostnameConfig
            hostname: n2
            """);

        var facts = _repo.Read();

        facts.Nodes.Select(n => (n.Name, n.ControlPlane.Value, n.Taints.Count)).Should().Equal(("n1", true, 0), ("n2", false, 1));
    }

    [Fact]
    public void A_node_patch_that_does_not_say_its_role_leaves_it_unknown()
    {
        _repo.Write("talos/nodes/n3.yaml", """
            apiVersion: v1alpha1
            kind: HostnameConfig
            hostname: n3
            """);

        var node = _repo.Read().Nodes.Should().ContainSingle().Subject;

        node.ControlPlane.IsKnown.Should().BeFalse();
        node.ControlPlane.Unknown.Should().Be("machine.type is set by no file read with talos/nodes/n3.yaml");
    }

    [Fact]
    public void A_quoted_true_where_Talos_reads_a_boolean_is_an_error_and_the_setting_unknown()
    {
        _repo.Write("talos/controlplane.yaml", """
            version: v1alpha1
            machine:
              type: controlplane
              network:
                hostname: talos-1
            cluster:
              proxy:
                disabled: "true"
            """);

        var facts = _repo.Read();

        _repo.Problems.Select(p => $"{p.Severity} {p}").Should().Equal(
            "Error talos/controlplane.yaml:8 (cluster.proxy.disabled): \"true\" is quoted: a string, which Talos refuses where it reads a boolean (talosctl rejects the config)");
        facts.KubeProxy.DisabledSettings.Should().ContainSingle().Which.IsKnown.Should().BeFalse();
    }
}
