using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Tests.Spec;

public class SpecLoaderTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "fixtures", "architecture.yaml");

    /// <summary>A small valid spec; line numbers are referred to by the tests below.</summary>
    private const string Minimal = """
        apiVersion: homelab.conformance/v1
        kind: Architecture
        nodes:
          count: 3
          architecture: arm64
          os: talos
          perNode: {cpuCores: 4, memoryGiB: 8, diskGB: 100}
          names: [n1, n2, n3]
        controlPlane:
          count: 3
          nodes: [n1, n2, n3]
          schedulable: true
        network:
          cni: cilium
          kubeProxy: disabled
          l2LoadBalancing: true
          networkPolicies: {clusterWide: true, nodeLevel: false}
        storage:
          engine: rook-ceph
          kinds: [block]
          osdNodes: [n1, n2, n3]
          replication: {minSize: 2, maxSize: 3, failureDomain: host}
          mons: 3
          mgrs: 2
        gitops:
          engine: flux
          allowedSourceKinds: [GitRepository]
        observability:
          collector: alloy
        """;

    private static string With(params (string From, string To)[] edits)
    {
        var text = Minimal;
        foreach (var (from, to) in edits)
        {
            text.Should().Contain(from);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return text;
    }

    private static IReadOnlyList<string> Problems(string text)
    {
        var e = FluentActions.Invoking(() => SpecLoader.Parse("conf/architecture.yaml", text)).Should().Throw<SpecException>().Which;
        e.File.Should().Be("conf/architecture.yaml");
        return e.Problems;
    }

    [Fact]
    public void The_fixture_spec_loads_with_its_values()
    {
        var spec = SpecLoader.Parse(FixturePath, File.ReadAllText(FixturePath));

        spec.File.Should().Be(FixturePath);
        spec.Nodes.Should().BeEquivalentTo(new NodesSpec(4, "arm64", "talos", new NodeCapacity(8, 32, 1000), ["talos-1", "talos-2", "talos-3", "talos-4"]));
        spec.ControlPlane.Should().BeEquivalentTo(new ControlPlaneSpec(3, ["talos-1", "talos-2", "talos-3"], Schedulable: true));
        spec.Network.Should().Be(new NetworkSpec("cilium", KubeProxyDisabled: true, L2LoadBalancing: true, ClusterWidePolicies: true, NodeLevelPolicies: true));
        spec.Storage.Should().BeEquivalentTo(new StorageSpec("rook-ceph", [StorageKind.Block, StorageKind.File, StorageKind.Object],
            ["talos-1", "talos-2", "talos-3", "talos-4"], MinReplicas: 2, MaxReplicas: 3, "host", Mons: 3, Mgrs: 2));
        spec.GitOps.Should().BeEquivalentTo(new GitOpsSpec("flux", ["GitRepository", "OCIRepository", "HelmRepository"], ["OCIRepository"]));
        spec.Observability.Should().Be(new ObservabilitySpec("alloy", "grafana-cloud"));
        spec.Waivers.Should().BeEmpty();
    }

    [Fact]
    public void Load_reads_the_file_and_a_missing_file_is_a_spec_error()
    {
        SpecLoader.Load(FixturePath).Nodes.Count.Should().Be(4);
        FluentActions.Invoking(() => SpecLoader.Load("/nonexistent/architecture.yaml")).Should().Throw<SpecException>()
            .Which.Problems.Should().Equal("the file does not exist");
    }

    [Fact]
    public void The_minimal_spec_loads()
    {
        var spec = SpecLoader.Parse("a.yaml", Minimal);
        spec.Network.KubeProxyDisabled.Should().BeTrue();
        spec.Network.NodeLevelPolicies.Should().BeFalse();
        spec.Observability.Destination.Should().BeNull();
        spec.GitOps.RequiredSourceKinds.Should().BeEmpty();
        spec.Nodes.PerNode.Should().Be(new NodeCapacity(4, 8, 100));
    }

    [Fact]
    public void Tolerances_are_read_from_the_spec_and_take_todays_values_when_left_out()
    {
        var fixture = SpecLoader.Parse(FixturePath, File.ReadAllText(FixturePath));
        fixture.Nodes.PerNode.MemoryTolerancePercent.Should().Be(15);
        fixture.Storage.RawCapacityTolerancePercent.Should().Be(10);

        var minimal = SpecLoader.Parse("a.yaml", Minimal);
        minimal.Nodes.PerNode.MemoryTolerancePercent.Should().Be(15, "a spec written before the key existed keeps working");
        minimal.Storage.RawCapacityTolerancePercent.Should().Be(10);

        var set = SpecLoader.Parse("a.yaml", With(("diskGB: 100}", "diskGB: 100, memoryTolerancePercent: 0}"), ("mgrs: 2", "mgrs: 2\n  rawCapacityTolerancePercent: 2.5")));
        set.Nodes.PerNode.MemoryTolerancePercent.Should().Be(0);
        set.Storage.RawCapacityTolerancePercent.Should().Be(2.5);
    }

    [Theory]
    [InlineData("-1", "must be at least 0 and below 100 (percent), found -1")]
    [InlineData("100", "must be at least 0 and below 100 (percent), found 100")]
    [InlineData("150.5", "must be at least 0 and below 100 (percent), found 150.5")]
    [InlineData("ten", "expected a number of percent, found 'ten'")]
    [InlineData("\"10\"", "expected a number of percent, found '10'")]
    [InlineData(".nan", "expected a number of percent, found '.nan'")]
    public void A_tolerance_outside_0_to_100_percent_is_named_with_its_key_and_line(string value, string cause)
    {
        Problems(With(("mgrs: 2", $"mgrs: 2\n  rawCapacityTolerancePercent: {value}")))
            .Should().Equal($"line 25: storage.rawCapacityTolerancePercent: {cause}");
        Problems(With(("diskGB: 100}", $"diskGB: 100, memoryTolerancePercent: {value}}}")))
            .Should().Equal($"line 7: nodes.perNode.memoryTolerancePercent: {cause}");
    }

    [Fact]
    public void An_unknown_key_is_named_with_its_line()
    {
        Problems(With(("  os: talos\n", "  os: talos\n  colour: blue\n")))
            .Should().Equal("line 7: nodes.colour: unknown key (misspelt, or not part of the spec format)");
    }

    [Fact]
    public void An_unknown_top_level_key_and_nested_key_are_both_named()
    {
        Problems(With(("observability:\n", "observabilty: {}\nobservability:\n"), ("nodeLevel: false}", "nodeLevel: false, hostLevel: true}")))
            .Should().BeEquivalentTo(
                "line 17: network.networkPolicies.hostLevel: unknown key (misspelt, or not part of the spec format)",
                "line 28: observabilty: unknown key (misspelt, or not part of the spec format)");
    }

    [Theory]
    [InlineData("  count: 3\n  architecture", "  count: three\n  architecture", "line 4: nodes.count: expected a whole number, found 'three'")]
    [InlineData("  count: 3\n  architecture", "  count: \"3\"\n  architecture", "line 4: nodes.count: expected a whole number, found '3'")]
    [InlineData("  count: 3\n  architecture", "  count: 0\n  architecture", "line 4: nodes.count: must be at least 1, found 0")]
    [InlineData("schedulable: true", "schedulable: yes", "line 12: controlPlane.schedulable: expected true or false, found 'yes'")]
    [InlineData("schedulable: true", "schedulable: \"true\"", "line 12: controlPlane.schedulable: expected true or false, found 'true'")]
    [InlineData("  names: [n1, n2, n3]", "  names: n1", "line 8: nodes.names: expected a list of strings")]
    [InlineData("architecture: arm64", "architecture: riscv", "line 5: nodes.architecture: 'riscv' is not one of: arm64, amd64")]
    [InlineData("kubeProxy: disabled", "kubeProxy: off", "line 15: network.kubeProxy: 'off' is not one of: disabled, enabled")]
    [InlineData("cni: cilium", "cni: [cilium]", "line 14: network.cni: expected a string")]
    [InlineData("cni: cilium", "cni: calico", "line 14: network.cni: 'calico' is not one of: cilium")]
    [InlineData("engine: rook-ceph", "engine: longhorn", "line 19: storage.engine: 'longhorn' is not one of: rook-ceph")]
    [InlineData("apiVersion: homelab.conformance/v1", "apiVersion: v2", "line 1: apiVersion: 'v2' is not one of: homelab.conformance/v1")]
    [InlineData("kinds: [block]", "kinds: [block, blob]", "line 20: storage.kinds: 'blob' is not one of: block, file, object")]
    [InlineData("failureDomain: host", "failureDomain: planet", "line 22: storage.replication.failureDomain: 'planet' is not one of: host, osd, rack, zone")]
    [InlineData("[GitRepository]", "[GitRepository, SvnRepository]", "line 27: gitops.allowedSourceKinds: 'SvnRepository' is not a Flux source kind (GitRepository, OCIRepository, HelmRepository, Bucket, ExternalArtifact)")]
    [InlineData("  os: talos\n", "", "line 4: nodes.os: required key is missing")]
    [InlineData("network:\n", "network: 5\nx:\n", "line 13: network: expected a mapping")]
    public void A_wrong_value_is_named_with_its_key_and_line(string from, string to, string problem) =>
        Problems(With((from, to))).Should().Contain(problem);

    [Fact]
    public void Every_problem_is_collected_not_just_the_first()
    {
        Problems(With(("  count: 3\n  architecture", "  count: x\n  architecture"), ("schedulable: true", "schedulable: 1"), ("mgrs: 2", "mgrs: 2\n  extra: 1")))
            .Should().Equal(
                "line 4: nodes.count: expected a whole number, found 'x'",
                "line 12: controlPlane.schedulable: expected true or false, found '1'",
                "line 25: storage.extra: unknown key (misspelt, or not part of the spec format)");
    }

    [Fact]
    public void Three_control_planes_cannot_exist_on_two_nodes()
    {
        Problems(With(("  count: 3\n  architecture", "  count: 2\n  architecture"), ("names: [n1, n2, n3]", "names: [n1, n2]")))
            .Should().Contain("line 10: controlPlane.count: 3 control-plane nodes cannot exist in a 2-node cluster (nodes.count)")
            .And.Contain("line 11: controlPlane.nodes: 'n3' is not in nodes.names")
            .And.Contain("line 21: storage.osdNodes: 3 OSD nodes cannot exist in a 2-node cluster")
            .And.Contain("line 23: storage.mons: 3 monitors need 3 nodes; nodes.count is 2");
    }

    [Theory]
    [InlineData("minSize: 2, maxSize: 3", "minSize: 3, maxSize: 2", "line 22: storage.replication.minSize: minSize 3 is larger than maxSize 2")]
    [InlineData("osdNodes: [n1, n2, n3]", "osdNodes: [n1, n2]", "line 22: storage.replication.maxSize: 3 replicas on distinct hosts need 3 OSD hosts; storage.osdNodes has 2")]
    [InlineData("mons: 3", "mons: 2", "line 23: storage.mons: 2 monitors cannot keep a majority through a failure better than 1; use an odd count")]
    [InlineData("kinds: [block]", "kinds: []", "line 20: storage.kinds: name at least one storage kind")]
    [InlineData("  nodes: [n1, n2, n3]", "  nodes: [n1, n2]", "line 11: controlPlane.nodes: lists 2 nodes but controlPlane.count is 3")]
    [InlineData("  nodes: [n1, n2, n3]", "  nodes: [n1, n2, x9]", "line 11: controlPlane.nodes: 'x9' is not in nodes.names")]
    [InlineData("names: [n1, n2, n3]", "names: [n1, n2, n3, n4]", "line 8: nodes.names: lists 4 names but nodes.count is 3")]
    [InlineData("osdNodes: [n1, n2, n3]", "osdNodes: [n1, n2, n9]", "line 21: storage.osdNodes: 'n9' is not in nodes.names")]
    public void Impossible_combinations_are_named_with_their_line(string from, string to, string problem) =>
        Problems(With((from, to))).Should().Contain(problem);

    [Fact]
    public void A_name_listed_twice_is_a_problem() =>
        Problems(With(("names: [n1, n2, n3]", "names: [n1, n1, n3]"))).Should().Contain("line 8: nodes.names: 'n1' is listed twice");

    [Fact]
    public void Combinations_are_not_checked_after_a_type_error()
    {
        Problems(With(("minSize: 2, maxSize: 3", "minSize: 3, maxSize: two")))
            .Should().Equal("line 22: storage.replication.maxSize: expected a whole number, found 'two'");
    }

    [Fact]
    public void A_waiver_is_read_with_its_place()
    {
        var spec = SpecLoader.Parse("a.yaml", Minimal + """

            waivers:
              - rule: HL-CP-001
                reason: one node is being replaced
                expires: 2030-01-31
            """);

        var waiver = spec.Waivers.Should().ContainSingle().Subject;
        waiver.Rule.Should().Be("HL-CP-001");
        waiver.Expires.Should().Be(new DateOnly(2030, 1, 31));
        waiver.Origin.Should().Be(new RepoEvidence("a.yaml", 31, 5, "waivers[0]"));
        waiver.IsExpired(new DateOnly(2030, 1, 31)).Should().BeFalse();
        waiver.IsExpired(new DateOnly(2030, 2, 1)).Should().BeTrue();
    }

    [Fact]
    public void A_waiver_needs_a_reason_and_a_real_date()
    {
        Problems(Minimal + """

            waivers:
              - rule: HL-CP-001
                reason: " "
                expires: 2030-02-30
            """).Should().Equal(
                "line 33: waivers[0].expires: expected a date as YYYY-MM-DD, found '2030-02-30'",
                "line 32: waivers[0].reason: a waiver needs a reason");
    }

    [Fact]
    public void Invalid_YAML_is_a_spec_error_with_its_line()
    {
        Problems("apiVersion: homelab.conformance/v1\nkind: Architecture\nnodes:\n  count: 3\n  count: 4\n")
            .Should().Equal("conf/architecture.yaml:5: invalid YAML: duplicate key 'count'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("- a\n- b\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    public void The_spec_is_one_mapping(string text) =>
        Problems(text).Should().Equal("expected exactly one YAML document holding a mapping");

    [Fact]
    public void The_exception_message_lists_the_file_and_each_problem_on_its_own_line()
    {
        var e = new SpecException("conf/a.yaml", ["line 4: nodes.count: x", "line 9: y"]);
        e.Message.Should().Be($"invalid architecture spec conf/a.yaml:{Environment.NewLine}  line 4: nodes.count: x{Environment.NewLine}  line 9: y");

        var thrown = FluentActions.Invoking(() => SpecLoader.Parse("conf/a.yaml", With(("mons: 3", "mons: 4"))))
            .Should().Throw<SpecException>().Which;
        thrown.Message.Should().StartWith($"invalid architecture spec conf/a.yaml:{Environment.NewLine}  line 23: storage.mons: ");
    }
}
