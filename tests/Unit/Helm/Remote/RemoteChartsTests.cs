using System.Diagnostics;
using System.Net;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Helm.Remote;

namespace Homelab.Conformance.Tests.Helm.Remote;

/// <summary>
/// Chart defaults fetched as Flux would resolve the chart, from real servers on 127.0.0.1 only: an
/// HTTP chart repository (index.yaml and .tgz) and Debian's docker-registry (OCI), each run with
/// its own cache folder; and every way a registry can fail, each one warning, never a hang.
/// </summary>
public sealed class RemoteChartsTests : IDisposable
{
    private static readonly Evidence At = new RepoEvidence("infra/release.yaml", 3, 1, "");
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "homelab-chart-cache", Guid.NewGuid().ToString("N"));
    private readonly ChartServer _server = new();

    private FetchOptions Online(TimeSpan? timeout = null, int retries = 2) =>
        new() { CacheRoot = _cache, Timeout = timeout ?? TimeSpan.FromSeconds(5), Retries = retries, DockerConfig = Path.Combine(_cache, "no-docker-config.json") };

    private ChartRequest Http(string chart, string semver) => new(chart, ChartSourceKind.HelmHttp, _server.Url + "/charts", At) { Semver = semver };

    private void Serve(string chart, params string[] versions)
    {
        _server.Put("/charts/index.yaml", ChartServer.Index(chart, versions.Select(v => (v, $"{chart}-{v}.tgz")).ToArray()));
        foreach (var v in versions) _server.Put($"/charts/{chart}-{v}.tgz", ChartPackage.Build(chart, v, $"release: \"{v}\"\n"));
    }

    [Fact]
    public void An_http_repository_gives_the_highest_version_its_range_matches()
    {
        Serve("cilium", "1.18.0", "1.19.2", "1.19.4", "1.20.0-rc.1", "2.0.0");
        using var remote = new RemoteCharts(Online());

        var (chart, why) = remote.Fetch(Http("cilium", "^1.19.0"));

        why.Should().BeNull();
        chart!.Version.Should().Be("1.19.4", "Flux takes the highest version the range matches, a pre-release only when the range names one");
        chart.ValuesYaml.Should().Be("release: \"1.19.4\"\n", "the chart's own values.yaml, not a subchart's");
        chart.FromCache.Should().BeFalse();
        remote.Requests.Should().Be(2, "index.yaml and the archive");
    }

    [Fact]
    public void A_cached_chart_costs_no_request_and_answers_offline_too()
    {
        Serve("alloy", "1.4.0");
        using (var first = new RemoteCharts(Online())) first.Fetch(Http("alloy", ">=1.0.0")).Chart.Should().NotBeNull();
        var served = _server.Requests;

        using var again = new RemoteCharts(Online());
        again.Fetch(Http("alloy", ">=1.0.0")).Chart!.FromCache.Should().BeTrue();
        using var offline = new RemoteCharts(Online() with { Offline = true });
        offline.Fetch(Http("alloy", ">=1.0.0")).Chart!.Version.Should().Be("1.4.0");

        _server.Requests.Should().Be(served, "a cached chart costs no request");
        again.Requests.Should().Be(0);
    }

    [Fact]
    public void Offline_a_chart_not_in_the_cache_is_unknown_and_nothing_is_sent()
    {
        Serve("alloy", "1.4.0");
        using var remote = new RemoteCharts(Online() with { Offline = true });

        remote.Fetch(Http("alloy", "^1.0.0")).Should().Be(((FetchedChart?)null, "not in the chart cache, and the run is offline (--offline or HOMELAB_OFFLINE)"));
        _server.Requests.Should().Be(0);
    }

    public static TheoryData<string, HttpStatusCode, string> Refusals() => new()
    {
        { "missing", HttpStatusCode.NotFound, "has no such chart or version (404)" },
        { "unauthorized", HttpStatusCode.Unauthorized, "refuses access (401 Unauthorized)" },
        { "forbidden", HttpStatusCode.Forbidden, "refuses access (403 Forbidden)" },
        { "broken", HttpStatusCode.InternalServerError, "answers 500 InternalServerError" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_repository_that_refuses_gives_why_and_is_asked_again_only_when_it_may_recover(string name, HttpStatusCode status, string says)
    {
        _server.Put("/charts/index.yaml", name, status);
        using var remote = new RemoteCharts(Online(retries: 2));

        remote.Fetch(Http("cilium", "^1.19.0")).Why.Should().Be($"repository {_server.Url}/charts {says}");
        remote.Requests.Should().Be(status == HttpStatusCode.InternalServerError ? 3 : 1, "only a 5xx or 429 is retried");
    }

    [Fact]
    public void A_repository_that_is_down_is_unreachable_at_once()
    {
        var closed = ChartServer.FreePort();
        using var remote = new RemoteCharts(Online());
        var clock = Stopwatch.StartNew();

        var (_, why) = remote.Fetch(new ChartRequest("cilium", ChartSourceKind.HelmHttp, $"http://127.0.0.1:{closed}/charts", At) { Semver = "^1.19.0" });

        why.Should().Be($"repository http://127.0.0.1:{closed}/charts unreachable (ConnectionRefused)");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "a refused connection is not retried");
        remote.Fetch(new ChartRequest("alloy", ChartSourceKind.HelmHttp, $"http://127.0.0.1:{closed}/charts", At) { Semver = "^1.0.0" }).Why.Should().EndWith("unreachable (ConnectionRefused)");
        remote.Requests.Should().Be(1, "a host that did not answer is not asked again in the run");
    }

    [Fact]
    public void A_slow_repository_times_out_within_the_bound()
    {
        _server.Put("/charts/index.yaml", "late", delay: TimeSpan.FromSeconds(5));
        using var remote = new RemoteCharts(Online(TimeSpan.FromMilliseconds(400), retries: 1));
        var clock = Stopwatch.StartNew();

        remote.Fetch(Http("cilium", "^1.19.0")).Why.Should().Be($"repository {_server.Url}/charts timed out after 0.4 s");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "two tries of 0.4 s and a short pause, never a hang");
    }

    [Fact]
    public void A_registry_that_wants_a_token_gets_an_anonymous_one_from_the_realm_it_names()
    {
        var chart = ChartPackage.Build("cilium", "1.19.1", "k8sServiceHost: \"\"\n");
        var layer = $"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(chart))}";
        _server.RequiredToken = "anonymous-pull";
        _server.Put("/token", "{\"token\":\"anonymous-pull\"}")
            .Put("/v2/charts/cilium/tags/list", "{\"name\":\"charts/cilium\",\"tags\":[\"1.19.0\",\"1.19.1\"]}")
            .Put("/v2/charts/cilium/manifests/1.19.1", $"{{\"schemaVersion\":2,\"layers\":[{{\"mediaType\":\"{ChartRequest.HelmChartLayer}\",\"digest\":\"{layer}\"}}]}}")
            .Put($"/v2/charts/cilium/blobs/{layer}", chart);
        using var remote = new RemoteCharts(Online());

        var (fetched, why) = remote.Fetch(new ChartRequest("cilium", ChartSourceKind.OciArtifact, $"oci://127.0.0.1:{_server.Port}/charts/cilium", At) { Semver = "^1.19.0", Insecure = true });

        why.Should().BeNull();
        fetched!.Version.Should().Be("1.19.1");
        remote.Requests.Should().Be(5, "the refused tags list, the token, then tags, manifest and blob with it");
    }

    [Fact]
    public void A_range_no_version_matches_says_so()
    {
        Serve("cilium", "1.18.0");
        using var remote = new RemoteCharts(Online());

        remote.Fetch(Http("cilium", "^1.19.0")).Why.Should().Be($"repository {_server.Url}/charts has no version of cilium matching ^1.19.0");
    }

    [Fact]
    public void An_oci_helm_repository_and_an_oci_repository_by_semver_and_digest()
    {
        using var registry = new LoopbackRegistry();
        if (registry.SkipReason is { } reason) Assert.Skip(reason);
        registry.Push("charts/rook-ceph-cluster", "1.22.0", ChartPackage.Build("rook-ceph-cluster", "1.22.0", "v: 0\n"));
        var digest = registry.Push("charts/rook-ceph-cluster", "1.22.3", ChartPackage.Build("rook-ceph-cluster", "1.22.3", "v: 3\n"));
        registry.Push("charts/rook-ceph-cluster", "1.23.0-rc.1", ChartPackage.Build("rook-ceph-cluster", "1.23.0-rc.1", "v: rc\n"));
        var url = $"oci://127.0.0.1:{registry.Port}/charts";
        using var remote = new RemoteCharts(Online());

        var helmOci = remote.Fetch(new ChartRequest("rook-ceph-cluster", ChartSourceKind.HelmOci, url, At) { Semver = "^1.22.0", Insecure = true });
        var bySemver = remote.Fetch(new ChartRequest("rook-ceph-cluster", ChartSourceKind.OciArtifact, url + "/rook-ceph-cluster", At) { Semver = "~1.22.0", Insecure = true });
        var byDigest = remote.Fetch(new ChartRequest("rook-ceph-cluster", ChartSourceKind.OciArtifact, url + "/rook-ceph-cluster", At) { Digest = digest, Tag = "1.22.0", Insecure = true });
        var byTag = remote.Fetch(new ChartRequest("rook-ceph-cluster", ChartSourceKind.OciArtifact, url + "/rook-ceph-cluster", At) { Tag = "1.22.0", Insecure = true });

        (helmOci.Chart?.Version, helmOci.Chart?.ValuesYaml, helmOci.Why).Should().Be(("1.22.3", "v: 3\n", (string?)null));
        bySemver.Chart!.Version.Should().Be("1.22.3");
        (byDigest.Chart?.Version, byDigest.Chart?.ValuesYaml).Should().Be(("1.22.3", "v: 3\n"), "a digest wins over a tag, and the chart's Chart.yaml names its version");
        byTag.Chart!.ValuesYaml.Should().Be("v: 0\n");
        remote.Fetch(new ChartRequest("rook-ceph-cluster", ChartSourceKind.OciArtifact, url + "/rook-ceph-cluster", At) { Tag = "9.9.9", Insecure = true }).Why
            .Should().Be($"registry {url}/rook-ceph-cluster has no such chart or version (404) for 9.9.9");
    }

    [Fact]
    public void A_registry_behind_a_private_CA_is_trusted_with_the_CA_of_its_certSecretRef_and_not_without()
    {
        using var registry = new LoopbackRegistry(tls: true);
        if (registry.SkipReason is { } reason) Assert.Skip(reason);
        registry.Push("charts/cilium", "1.19.4", ChartPackage.Build("cilium", "1.19.4", "v: 4\n"));
        var request = new ChartRequest("cilium", ChartSourceKind.HelmOci, $"oci://127.0.0.1:{registry.Port}/charts", At) { Semver = "^1.19.0" };

        using (var trusting = new RemoteCharts(Online()))
            trusting.Fetch(request.Trusting((registry.CaPem, null))).Chart!.ValuesYaml.Should().Be("v: 4\n", "Flux trusts the certSecretRef's ca.crt beside the system's roots");
        using var plain = new RemoteCharts(Online() with { CacheRoot = _cache + "-untrusting" });
        plain.Fetch(request.Trusting((null, "HelmRepository flux-system/cilium trusts the CA of Secret flux-system/registry-ca, whose ca.crt is not readable here (encrypted (SOPS))"))).Why
            .Should().Be($"registry oci://127.0.0.1:{registry.Port}/charts has a TLS certificate that is not trusted: HelmRepository flux-system/cilium trusts the CA of Secret flux-system/registry-ca, whose ca.crt is not readable here (encrypted (SOPS))");
    }

    public void Dispose()
    {
        _server.Dispose();
        foreach (var cache in new[] { _cache, _cache + "-untrusting" })
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
    }
}
