using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Sources.Git.Helm;
using Homelab.Conformance.Sources.Git.Helm.Remote;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Helm.Remote;

/// <summary>
/// The fixture with its Rook charts pinned to a version the embedded data lacks, served by a
/// loopback chart repository: the audit judges on that version's defaults, says which version
/// each default came from, and warns at the HelmRelease when the repository cannot give them.
/// </summary>
public sealed class FetchedDefaultsAuditTests : IDisposable
{
    private readonly ChartServer _server = new();
    private readonly TempRepo _repo = FixtureAudit.CopyOfConforming();
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "homelab-chart-cache", Guid.NewGuid().ToString("N"));

    public FetchedDefaultsAuditTests()
    {
        Replace("infrastructure/controllers/sources/helm-rook.yaml", "https://charts.rook.io/release", _server.Url + "/rook");
        foreach (var file in new[] { "infrastructure/controllers/rook-ceph/cluster.yaml", "infrastructure/controllers/rook-ceph/operator.yaml" })
            Replace(file, "version: \"^1.16.0\"", "version: \"^1.30.0\"");
    }

    private void Replace(string file, string from, string to) =>
        _repo.Write(file, File.ReadAllText(_repo.Full(file)).Replace(from, to, StringComparison.Ordinal));

    private void ServeRook(int poolSize)
    {
        _server.Put("/rook/index.yaml", "apiVersion: v1\nentries:\n"
            + "  rook-ceph-cluster:\n    - {name: rook-ceph-cluster, version: 1.30.0, urls: [cluster-1.30.0.tgz]}\n    - {name: rook-ceph-cluster, version: 1.30.2, urls: [cluster-1.30.2.tgz]}\n"
            + "  rook-ceph:\n    - {name: rook-ceph, version: 1.30.2, urls: [operator-1.30.2.tgz]}\n");
        var cluster = EmbeddedDefaults("rook-ceph-cluster").Replace("size: 3", $"size: {poolSize}", StringComparison.Ordinal);
        _server.Put("/rook/cluster-1.30.0.tgz", ChartPackage.Build("rook-ceph-cluster", "1.30.0", cluster));
        _server.Put("/rook/cluster-1.30.2.tgz", ChartPackage.Build("rook-ceph-cluster", "1.30.2", cluster));
        _server.Put("/rook/operator-1.30.2.tgz", ChartPackage.Build("rook-ceph", "1.30.2", EmbeddedDefaults("rook-ceph")));
    }

    /// <summary>The newest embedded data of a chart, as the body of a newer chart's values.yaml.</summary>
    private static string EmbeddedDefaults(string chart)
    {
        var assembly = typeof(ChartDefaults).Assembly;
        var name = $"ChartDefaults/{chart}/{new ChartDefaults().Versions(chart).First()}.yaml";
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    private AuditResult Audit(bool offline = false) => ConformanceRun.Static(new RunOptions
    {
        RepoPath = _repo.Root,
        SpecPath = FixtureAudit.Spec,
        Today = FixtureAudit.Today,
        ChartFetch = new FetchOptions { CacheRoot = _cache, Offline = offline, Timeout = TimeSpan.FromSeconds(5), DockerConfig = Path.Combine(_cache, "none.json") },
    }).Static!;

    [Fact]
    public void A_version_the_embedded_data_lacks_is_judged_on_its_fetched_defaults_naming_chart_and_version()
    {
        ServeRook(poolSize: 4);

        var result = Audit()["HL-STO-001"];

        result.Outcome.Should().Be(Outcome.Fail, "the fetched 1.30.2 defaults keep 4 copies of the default block pool");
        result.Findings.Should().Contain(f => f.Outcome == Outcome.Fail && f.Evidence is ChartDefaultEvidence
            && f.Evidence.Location.StartsWith("chart default rook-ceph-cluster 1.30.2 (cephBlockPools[0].spec.replicated.size)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fetched_operator_of_1_20_or_later_registers_no_CSI_driver_itself()
    {
        ServeRook(poolSize: 3);
        Replace("infrastructure/controllers/rook-ceph/kustomization.yaml", "  - csi-drivers.yaml\n", "");

        var result = Audit()["HL-STO-003"];

        result.Outcome.Should().Be(Outcome.Fail, "the index resolves ^1.30.0 to 1.30.2, whose operator deploys no CSI driver, and no ceph-csi-drivers release is left");
        result.Findings.Should().Contain(f => f.Outcome == Outcome.Fail
            && f.Message.StartsWith("no CSI driver *.cephfs.csi.ceph.com is registered: HelmRelease rook-ceph/rook-ceph installs Rook 1.30.2, and Rook 1.20 and later deploy no CSI driver", StringComparison.Ordinal));
    }

    [Fact]
    public void A_warm_cache_sends_nothing_and_gives_the_same_verdicts_offline()
    {
        ServeRook(poolSize: 3);
        var online = Audit();
        var served = _server.Requests;
        served.Should().Be(3, "one index.yaml for the repository's two charts, and each chart's archive");

        var offline = Audit(offline: true);

        _server.Requests.Should().Be(served, "both charts came from the cache");
        offline.Results.Select(r => r.Outcome).Should().Equal(online.Results.Select(r => r.Outcome));
        offline["HL-STO-001"].Outcome.Should().Be(Outcome.Pass);
    }

    [Fact]
    public void A_repository_that_cannot_give_the_chart_warns_at_the_release_and_what_its_defaults_decide_is_inconclusive()
    {
        _server.Put("/rook/index.yaml", "no", System.Net.HttpStatusCode.ServiceUnavailable);

        var audit = Audit();

        audit.Problems.Should().Contain(p => p.Severity == Severity.Warning && p.ToString() ==
            $"infrastructure/controllers/rook-ceph/cluster.yaml:3: chart rook-ceph-cluster ^1.30.0: repository {_server.Url}/rook answers 503 ServiceUnavailable; its default values are unknown, so what they decide is inconclusive (--chart-values rook-ceph-cluster=values.yaml gives them)");
        audit["HL-STO-002"].Outcome.Should().Be(Outcome.Inconclusive, "the mgr count is the chart's default");
        audit["HL-STO-003"].Outcome.Should().Be(Outcome.Inconclusive, "the default block pool may or may not exist");
    }

    [Fact]
    public void A_chart_ref_to_an_oci_repository_is_judged_on_the_chart_the_registry_holds()
    {
        using var registry = new LoopbackRegistry();
        if (registry.SkipReason is { } reason) Assert.Skip(reason);
        var defaults = EmbeddedDefaults("cilium").Replace("hostFirewall:\n  enabled: false", "hostFirewall:\n  enabled: true", StringComparison.Ordinal);
        registry.Push("charts/cilium", "1.30.1", ChartPackage.Build("cilium", "1.30.1", defaults));
        Replace("infrastructure/controllers/sources/oci-cilium.yaml", "oci://quay.io/cilium/charts/cilium", $"oci://127.0.0.1:{registry.Port}/charts/cilium");
        Replace("infrastructure/controllers/sources/oci-cilium.yaml", "semver: \">=1.16.0 <2.0.0\"", "semver: \">=1.30.0\"\n  insecure: true");
        Replace("infrastructure/controllers/cilium/values.yaml", "hostFirewall:\n  enabled: true\n", "");
        ServeRook(poolSize: 3);

        var result = Audit()["HL-NET-005"];

        result.Outcome.Should().Be(Outcome.Pass, string.Join("; ", result.Findings));
        result.Findings.Should().Contain(f => f.Evidence.Location.StartsWith("chart default cilium 1.30.1 (hostFirewall.enabled)", StringComparison.Ordinal),
            "the host firewall is left to the chart the OCIRepository resolves to, whose defaults turn it on");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_registry_behind_a_private_CA_is_trusted_with_the_ca_crt_of_its_certSecretRef_when_the_repo_holds_it(bool readable)
    {
        using var registry = new LoopbackRegistry(tls: true);
        if (registry.SkipReason is { } reason) Assert.Skip(reason);
        var defaults = EmbeddedDefaults("cilium").Replace("hostFirewall:\n  enabled: false", "hostFirewall:\n  enabled: true", StringComparison.Ordinal);
        registry.Push("charts/cilium", "1.30.1", ChartPackage.Build("cilium", "1.30.1", defaults));
        var ca = readable ? Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(registry.CaPem!)) : "ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]";
        Replace("infrastructure/controllers/sources/oci-cilium.yaml", "oci://quay.io/cilium/charts/cilium", $"oci://127.0.0.1:{registry.Port}/charts/cilium");
        Replace("infrastructure/controllers/sources/oci-cilium.yaml", "semver: \">=1.16.0 <2.0.0\"", "semver: \">=1.30.0\"\n  certSecretRef:\n    name: registry-ca");
        _repo.Write("infrastructure/controllers/sources/oci-cilium.yaml", File.ReadAllText(_repo.Full("infrastructure/controllers/sources/oci-cilium.yaml"))
            + $"---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: registry-ca\n  namespace: flux-system\ndata:\n  ca.crt: {ca}\n");
        Replace("infrastructure/controllers/cilium/values.yaml", "hostFirewall:\n  enabled: true\n", "");
        ServeRook(poolSize: 3);

        var audit = Audit();

        if (readable)
        {
            audit["HL-NET-005"].Outcome.Should().Be(Outcome.Pass, string.Join("; ", audit["HL-NET-005"].Findings));
            audit["HL-NET-005"].Findings.Should().Contain(f => f.Evidence.Location.StartsWith("chart default cilium 1.30.1 (hostFirewall.enabled)", StringComparison.Ordinal));
            return;
        }
        audit.Problems.Should().Contain(p => p.Severity == Severity.Warning && p.Cause.StartsWith(
            $"chart cilium >=1.30.0: registry oci://127.0.0.1:{registry.Port}/charts/cilium has a TLS certificate that is not trusted: OCIRepository flux-system/cilium trusts the CA of Secret flux-system/registry-ca, whose ca.crt is not readable here (encrypted (SOPS))", StringComparison.Ordinal),
            string.Join("\n", audit.Problems));
        audit["HL-NET-005"].Outcome.Should().Be(Outcome.Inconclusive, "the host firewall is left to defaults no one could read");
    }

    public void Dispose()
    {
        _server.Dispose();
        _repo.Dispose();
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }
}
