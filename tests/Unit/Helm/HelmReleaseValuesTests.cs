using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Flux;
using Homelab.Conformance.Sources.Git.Helm;
using Homelab.Conformance.Sources.Git.Helm.Charts;
using Homelab.Conformance.Sources.Git.Kustomize;
using Homelab.Conformance.Tests.Kustomize;

namespace Homelab.Conformance.Tests.Helm;

public sealed class HelmReleaseValuesTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private const string Defaults = """
        kubeProxyReplacement: "false"
        k8sServiceHost: ""
        hubble:
          enabled: false
          relay:
            enabled: false
        ipam:
          mode: cluster-pool
        """;

    private const string Extra = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cilium-extra
        data:
          extra.yaml: |
            hubble:
              enabled: true
            kubeProxyReplacement: strict
          host: 10.0.0.1
        """;

    /// <summary>Builds <c>infra/cilium</c> as kustomize would and resolves its HelmRelease named cilium.</summary>
    private (ResolvedRelease Release, IReadOnlyList<InputProblem> Problems) Resolve(string release)
    {
        _repo.Write("charts/cilium-values.yaml", Defaults)
            .Write("infra/cilium/kustomization.yaml", """
                namespace: kube-system
                resources: [release.yaml, extra.yaml, secret.yaml, oci.yaml]
                configMapGenerator:
                  - name: cilium-values
                    files: [values.yaml]
                configurations: [kustomizeconfig.yaml]
                """)
            .Write("infra/cilium/kustomizeconfig.yaml", HashSuffixTests.NameReference)
            .Write("infra/cilium/values.yaml", "kubeProxyReplacement: true\nipam:\n  mode: eni\n")
            .Write("infra/cilium/extra.yaml", Extra)
            .Write("infra/cilium/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: cilium-secret}\nstringData:\n  values.yaml: 'hubble: {enabled: true}'\n")
            .Write("infra/cilium/oci.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: OCIRepository
                metadata: {name: cilium-chart}
                spec:
                  url: oci://ghcr.io/cilium/charts/cilium
                  ref: {tag: 1.16.5}
                """)
            .Write("infra/cilium/release.yaml", release);
        var (repo, log) = _repo.Open();
        var rendered = new RenderedRepo();
        rendered.Objects.AddRange(new KustomizeBuilder(repo, log).Build("infra/cilium", new RepoEvidence("infra/cilium", 1, 1, "")));
        var defaults = new ChartDefaults(new Dictionary<string, string> { ["cilium"] = _repo.Full("charts/cilium-values.yaml") });
        var resolved = new HelmReleaseValues(log, rendered, defaults, new Dictionary<string, string> { ["Secret"] = "Secrets may be made outside the repository" }, ChartProjections.SettingKinds).Resolve(rendered.Objects.Single(o => o.Kind == "HelmRelease"));
        return (resolved, log.Problems);
    }

    private static string Release(string spec) => $"""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: cilium
        spec:
        {spec}
        """;

    private const string ChartSpec = """
          chart:
            spec:
              chart: cilium
              version: ">=1.16.0"
              sourceRef: {kind: HelmRepository, name: cilium}
        """;

    [Fact]
    public void Values_files_inside_the_chart_are_a_warning_that_defaults_may_differ()
    {
        var (_, problems) = Resolve(Release(ChartSpec + "\n      valuesFiles: [values.yaml, values-production.yaml]\n"));

        problems.Should().ContainSingle().Which.Should().Match<InputProblem>(p => p.Severity == Severity.Warning
            && p.Cause == "HelmRelease kube-system/cilium takes values files from inside its chart (values.yaml, values-production.yaml), which are not read offline; the defaults rules see may differ");
    }

    [Fact]
    public void Values_resolve_in_Flux_order_with_each_value_s_own_place()
    {
        var (release, problems) = Resolve(Release(ChartSpec + """

              valuesFrom:
                - kind: ConfigMap
                  name: cilium-values
                - kind: ConfigMap
                  name: cilium-extra
                  valuesKey: extra.yaml
                - kind: ConfigMap
                  name: cilium-extra
                  valuesKey: host
                  targetPath: k8sServiceHost
                - kind: ConfigMap
                  name: absent
                  optional: true
                - kind: ConfigMap
                  name: cilium-extra
                  valuesKey: nope
                  optional: true
              values:
                ipam:
                  mode: kubernetes
            """));

        problems.Should().BeEmpty();
        release.Chart.Should().Be("cilium");
        release.DefaultsVersion.Should().Be(_repo.Full("charts/cilium-values.yaml"));
        release.Namespace.Should().Be("kube-system");
        var values = release.Values;

        values.Text("kubeProxyReplacement").Should().Be("strict", "a later valuesFrom wins over an earlier one");
        values.At("kubeProxyReplacement")!.Origin.Location.Should().Be("infra/cilium/extra.yaml:9 (kubeProxyReplacement)");
        values.Text("hubble.enabled").Should().Be("true");
        values.At("hubble.enabled")!.Origin.Location.Should().Be("infra/cilium/extra.yaml:8 (hubble.enabled)");
        values.Text("hubble.relay.enabled").Should().Be("false");
        values.At("hubble.relay.enabled")!.Origin.Should().BeOfType<ChartDefaultEvidence>().Which.YamlPath.Should().Be("hubble.relay.enabled");
        values.At("hubble.relay.enabled")!.Origin.RepoPlace().Should().Be(release.Release.Origin, "a default points at the release that leaves it to the chart");
        values.Text("k8sServiceHost").Should().Be("10.0.0.1");
        values.At("k8sServiceHost")!.Origin.Should().Be(new RepoEvidence("infra/cilium/extra.yaml", 10, 9, "data.host"));
        values.Text("ipam.mode").Should().Be("kubernetes", "inline values win over valuesFrom");
        values.At("ipam.mode")!.Origin.Should().Be(new RepoEvidence("infra/cilium/release.yaml", 30, 13, "spec.values.ipam.mode"));
    }

    [Fact]
    public void A_value_from_a_generated_ConfigMap_file_points_at_that_file_s_line()
    {
        var (release, problems) = Resolve(Release(ChartSpec + """

              valuesFrom:
                - kind: ConfigMap
                  name: cilium-values
            """));

        problems.Should().BeEmpty();
        release.Values.Text("ipam.mode").Should().Be("eni");
        release.Values.At("ipam.mode")!.Origin.Should().Be(new RepoEvidence("infra/cilium/values.yaml", 3, 9, "ipam.mode"));
        release.Values.At("kubeProxyReplacement")!.Origin.Should().Be(new RepoEvidence("infra/cilium/values.yaml", 1, 23, "kubeProxyReplacement"));
    }

    [Fact]
    public void A_chartRef_to_an_OCIRepository_names_the_chart_by_its_URL_and_tag()
    {
        var (release, problems) = Resolve(Release("  chartRef:\n    kind: OCIRepository\n    name: cilium-chart\n"));

        problems.Should().BeEmpty();
        release.Chart.Should().Be("cilium");
        release.Values.Text("ipam.mode").Should().Be("cluster-pool");
        release.Values.At("ipam.mode")!.Origin.Should().BeOfType<ChartDefaultEvidence>();
    }

    [Fact]
    public void A_chartRef_to_a_source_not_rendered_leaves_the_chart_unknown()
    {
        var (release, _) = Resolve(Release("  chartRef: {kind: OCIRepository, name: elsewhere}\n  values: {a: 1}\n"));

        release.Chart.Should().BeNull();
        release.DefaultsVersion.Should().BeNull();
        release.Values.Keys.Should().Equal("a");
    }

    [Fact]
    public void A_missing_key_of_a_required_valuesFrom_is_a_problem_at_its_line()
    {
        var (_, problems) = Resolve(Release(ChartSpec + """

              valuesFrom:
                - kind: ConfigMap
                  name: cilium-extra
                  valuesKey: nope
            """));

        problems.Should().ContainSingle().Which.ToString()
            .Should().Be("infra/cilium/release.yaml:12 (spec.valuesFrom[0]): ConfigMap kube-system/cilium-extra has no key 'nope' for HelmRelease kube-system/cilium valuesFrom");
    }

    [Fact]
    public void Values_from_a_Secret_are_not_known_offline_and_may_override_every_earlier_value()
    {
        var (release, problems) = Resolve(Release(ChartSpec + """

              valuesFrom:
                - kind: Secret
                  name: cilium-secret
                - kind: Secret
                  name: cilium-secret
                  targetPath: hubble.tls.key
            """));

        var warning = problems.Should().ContainSingle().Subject;
        warning.Severity.Should().Be(Severity.Warning);
        warning.ToString().Should().Be(
            "infra/cilium/release.yaml:12 (spec.valuesFrom[0]): values of HelmRelease kube-system/cilium from Secret cilium-secret are secret value withheld; the keys they set are not known offline");
        // The Secret may set any key, so the chart default is no longer known to stand; what is set after it still is.
        release.Values.Scalar("hubble.enabled")!.Unknown.Should().Be(
            "HelmRelease kube-system/cilium takes values from Secret kube-system/cilium-secret, which are secret value withheld; they may set any value not set after them (infra/cilium/release.yaml:12 (spec.valuesFrom[0]))");
        release.At("operator.unsetKey")!.Should().BeOfType<ScalarNode>().Which.IsKnown.Should().BeFalse("an unset key may be set by the Secret too");
        release.Values.Scalar("hubble.tls.key")!.Unknown.Should().Be(ScalarNode.WithheldValue);
    }

    [Fact]
    public void The_chart_name_is_the_last_segment_and_targetNamespace_is_the_release_namespace()
    {
        var (release, _) = Resolve(Release("  targetNamespace: cilium-system\n  chart:\n    spec:\n      chart: ./charts/cilium/\n"));

        release.Chart.Should().Be("cilium");
        release.Namespace.Should().Be("cilium-system");
    }
}
