using System.Diagnostics;
using System.Net;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Sources.Live;
using k8s;

namespace Homelab.Conformance.Live.Tests.Faults;

/// <summary>
/// The live reader against the real API server through <see cref="FaultProxy"/>, one fault per
/// test: each run ends within <see cref="Bound"/>, says clearly what went wrong, and has the right
/// consequence (a kind that cannot be read makes only its rules inconclusive, with the reason;
/// transient errors are retried a bounded number of times; an unusable connection ends the run).
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class ApiFaultTests(LiveCluster cluster)
{
    /// <summary>Short timeouts so each case stays fast; retries and backoff as shipped.</summary>
    private static readonly KubeApiOptions Options = new() { RequestTimeout = TimeSpan.FromSeconds(2) };

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request: the first and <see cref="KubeApiOptions.Retries"/> more.</summary>
    private static readonly int Attempts = 1 + Options.Retries;

    [Fact]
    public async Task Forbidden_on_one_kind_makes_only_its_rules_inconclusive_with_the_reason()
    {
        await using var proxy = await Proxy();
        const string denied = """cephclusters.ceph.rook.io is forbidden: User "system:serviceaccount:homelab:audit" cannot list resource "cephclusters" in API group "ceph.rook.io" at the cluster scope""";
        proxy.Inject("cephclusters", Fault.Error(HttpStatusCode.Forbidden, denied));

        var run = await Read(proxy);

        run.Facts.UnreadableKinds.Should().ContainKey("CephCluster").WhoseValue.Should().Contain("403 Forbidden").And.Contain(denied);
        run.Facts.UnreadableKinds.Should().ContainSingle("only the denied kind is unreadable");
        proxy.ListsOf("cephclusters").Should().ContainSingle("a 403 is not retried");
        foreach (var result in run.Audit.Results)
        {
            if (result.Rule.Reads.Contains("CephCluster"))
            {
                result.Outcome.Should().Be(Outcome.Inconclusive, result.Rule.Id);
                result.Findings.Should().Contain(f => f.Outcome == Outcome.Inconclusive && f.Message.Contains("CephCluster could not be read") && f.Message.Contains(denied), result.Rule.Id);
            }
            else
            {
                SameAsConforming(result);
            }
        }
        Report(run, "403 on CephCluster: its 2 rules inconclusive with the reason, the rest as before");
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_servers_Retry_After_then_succeeds()
    {
        await using var proxy = await Proxy();
        var rule = proxy.Inject("nodes", Fault.Error(HttpStatusCode.TooManyRequests, "Too many requests, please try again later.", TimeSpan.FromSeconds(1)), times: 2);

        var run = await Read(proxy);

        rule.Hits.Should().Be(2);
        proxy.ListsOf("nodes").Should().HaveCount(3, "two 429s, then the answer");
        run.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), "each 429 asked for 1 s (Retry-After: 1)");
        run.Facts.UnreadableKinds.Should().BeEmpty();
        AllAsConforming(run.Audit);
        Report(run, $"429 (Retry-After: 1) twice on nodes: {proxy.ListsOf("nodes").Count} requests, then success");
    }

    [Fact]
    public async Task Too_many_requests_without_end_gives_up_after_the_bounded_retries()
    {
        await using var proxy = await Proxy();
        proxy.Inject("storageclasses", Fault.Error(HttpStatusCode.TooManyRequests, "Too many requests, please try again later.", TimeSpan.FromSeconds(1)));

        var run = await Read(proxy);

        proxy.ListsOf("storageclasses").Should().HaveCount(Attempts);
        run.Facts.UnreadableKinds.Should().ContainKey("StorageClass").WhoseValue.Should().Contain("429 Too Many Requests");
        run.Audit["HL-STO-004"].Outcome.Should().Be(Outcome.Inconclusive);
        Report(run, $"429 always on storageclasses: {Attempts} requests, then StorageClass inconclusive");
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_then_succeed()
    {
        await using var proxy = await Proxy();
        proxy.Inject("daemonsets", Fault.Error(HttpStatusCode.InternalServerError, "etcdserver: leader changed"), times: 2);
        proxy.Inject("daemonsets", Fault.Error(HttpStatusCode.ServiceUnavailable, "the server is currently unable to handle the request"), times: 1);

        var run = await Read(proxy);

        proxy.ListsOf("daemonsets").Select(r => r.Fault).Should().Equal(FaultKind.Status, FaultKind.Status, FaultKind.Status, null);
        run.Elapsed.Should().BeGreaterThanOrEqualTo(Options.Backoff * 7, "backoff doubles: 1 + 2 + 4 times the base");
        run.Facts.UnreadableKinds.Should().BeEmpty();
        AllAsConforming(run.Audit);
        Report(run, "500, 500, 503 on daemonsets: 4 requests with backoff, then success");
    }

    [Fact]
    public async Task Server_errors_without_end_give_up_after_the_bounded_retries()
    {
        await using var proxy = await Proxy();
        proxy.Inject("helmreleases", Fault.Error(HttpStatusCode.ServiceUnavailable, "the server is currently unable to handle the request"));

        var run = await Read(proxy);

        proxy.ListsOf("helmreleases").Should().HaveCount(Attempts);
        run.Facts.UnreadableKinds.Should().ContainKey("HelmRelease").WhoseValue.Should().Contain("503 Service Unavailable");
        run.Audit["HL-GIT-002"].Outcome.Should().Be(Outcome.Inconclusive);
        Report(run, $"503 always on helmreleases: {Attempts} requests, then HelmRelease inconclusive");
    }

    [Fact]
    public async Task A_request_that_stalls_once_times_out_and_is_retried()
    {
        await using var proxy = await Proxy();
        proxy.Inject("nodes", Fault.Stall, times: 1);

        var run = await Read(proxy);

        proxy.ListsOf("nodes").Select(r => r.Fault).Should().Equal(FaultKind.Stall, null);
        run.Elapsed.Should().BeGreaterThanOrEqualTo(Options.RequestTimeout);
        run.Facts.UnreadableKinds.Should().BeEmpty();
        AllAsConforming(run.Audit);
        Report(run, "nodes LIST stalls once: timed out after 2 s, retried, success");
    }

    [Fact]
    public async Task A_server_that_never_answers_ends_the_run_with_a_timeout_message()
    {
        await using var proxy = await Proxy();
        proxy.Inject("*", Fault.Stall);

        var (error, elapsed) = await ReadFails(proxy);

        error.Message.Should().Match("GET /*: no answer within 2 s", "whichever request comes first (discovery) stalls");
        proxy.Requests.Should().HaveCount(Attempts, "each attempt waits one request timeout");
        elapsed.Should().BeLessThan(Options.RequestTimeout * (Attempts + 1));
        Report(elapsed, error.Message);
    }

    [Fact]
    public async Task A_truncated_JSON_body_is_retried_then_makes_its_kind_inconclusive_with_a_clear_error()
    {
        await using var proxy = await Proxy();
        proxy.Inject("kustomizations", Fault.TruncatedJson);

        var run = await Read(proxy);

        proxy.ListsOf("kustomizations").Should().HaveCount(Attempts);
        run.Facts.UnreadableKinds.Should().ContainKey("Kustomization").WhoseValue.Should()
            .StartWith("GET /apis/kustomize.toolkit.fluxcd.io/").And.Contain("the response body could not be read");
        run.Audit["HL-GIT-004"].Outcome.Should().Be(Outcome.Inconclusive);
        run.Audit.Results.Where(r => !r.Rule.Reads.Contains("Kustomization")).Should().AllSatisfy(SameAsConforming);
        Report(run, $"truncated JSON always on kustomizations: {run.Facts.UnreadableKinds["Kustomization"]}");
    }

    [Fact]
    public async Task A_truncated_JSON_body_once_is_retried_and_succeeds()
    {
        await using var proxy = await Proxy();
        proxy.Inject("pods", Fault.TruncatedJson, times: 1);

        var run = await Read(proxy);

        proxy.ListsOf("pods").Select(r => r.Fault).Should().Equal(FaultKind.TruncatedJson, null);
        run.Facts.UnreadableKinds.Should().BeEmpty();
        AllAsConforming(run.Audit);
        Report(run, "truncated JSON once on pods: retried, success");
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_is_retried_and_is_not_mistaken_for_an_unreachable_server()
    {
        await using var proxy = await Proxy();
        proxy.Inject("cephblockpools", Fault.DroppedConnection, times: 1);
        proxy.Inject("cephfilesystems", Fault.DroppedConnection);

        var run = await Read(proxy);

        proxy.ListsOf("cephblockpools").Select(r => r.Fault).Should().Equal(FaultKind.DroppedConnection, null);
        proxy.ListsOf("cephfilesystems").Should().HaveCount(Attempts);
        run.Facts.UnreadableKinds.Should().ContainSingle().Which.Key.Should().Be("CephFilesystem");
        run.Facts.UnreadableKinds["CephFilesystem"].Should().Contain("the response body could not be read");
        Report(run, $"connection dropped mid-body: once retried, always: {run.Facts.UnreadableKinds["CephFilesystem"]}");
    }

    [Fact]
    public async Task An_expired_continue_token_restarts_the_list_which_then_succeeds()
    {
        var nodes = (await cluster.Client.CoreV1.ListNodeAsync(cancellationToken: TestContext.Current.CancellationToken)).Items.Count;
        if (nodes < 2) Assert.Skip($"a paginated LIST needs at least 2 nodes; {cluster.Target} has {nodes}");
        await using var proxy = await Proxy();
        var options = Options with { PageSize = nodes - 1 };
        proxy.Inject("nodes", Fault.Error(HttpStatusCode.Gone, "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter."), times: 1, continuedOnly: true);

        var run = await Read(proxy, options);

        proxy.ListsOf("nodes").Select(r => (r.Query.Contains("continue="), r.Fault)).Should().Equal(
            (false, null), (true, FaultKind.Status), (false, null), (true, null));
        run.Facts.Nodes.Should().HaveCount(nodes, "the restarted list holds every node once");
        run.Facts.UnreadableKinds.Should().BeEmpty();
        AllAsConforming(run.Audit);
        Report(run, "410 Gone on the second nodes page: the list restarted from the first page, success");
    }

    [Fact]
    public async Task A_continue_token_that_keeps_expiring_restarts_the_list_only_once()
    {
        var nodes = (await cluster.Client.CoreV1.ListNodeAsync(cancellationToken: TestContext.Current.CancellationToken)).Items.Count;
        if (nodes < 2) Assert.Skip($"a paginated LIST needs at least 2 nodes; {cluster.Target} has {nodes}");
        await using var proxy = await Proxy();
        proxy.Inject("nodes", Fault.Error(HttpStatusCode.Gone, "The provided continue parameter is too old to display a consistent list result."), continuedOnly: true);

        var run = await Read(proxy, Options with { PageSize = nodes - 1 });

        proxy.ListsOf("nodes").Should().HaveCount(4, "one restart, no more");
        run.Facts.UnreadableKinds.Should().ContainKey("Node").WhoseValue.Should().Contain("410 Gone");
        run.Audit["HL-NODE-001"].Outcome.Should().Be(Outcome.Inconclusive);
        Report(run, $"410 Gone on every continued nodes page: one restart, then Node inconclusive");
    }

    [Fact]
    public async Task Unauthorized_ends_the_run_with_the_reason()
    {
        await using var proxy = await Proxy();
        proxy.Inject("*", Fault.Error(HttpStatusCode.Unauthorized, "Unauthorized"));

        var (error, elapsed) = await ReadFails(proxy);

        error.Status.Should().Be(HttpStatusCode.Unauthorized);
        error.Message.Should().Contain("401 Unauthorized");
        proxy.Requests.Should().ContainSingle("a 401 is neither retried nor taken as one kind's problem");
        Report(elapsed, error.Message);
    }

    [Fact]
    public async Task An_unreachable_server_ends_the_run_at_once()
    {
        var proxy = await Proxy();
        await proxy.StopAsync();
        try
        {
            var (error, elapsed) = await ReadFails(proxy);

            error.Status.Should().BeNull();
            error.Message.Should().Be($"cannot reach the API server {proxy.Url}: Connection refused ({proxy.Url.Host}:{proxy.Url.Port})");
            elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
            Report(elapsed, error.Message);
        }
        finally
        {
            await proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_server_certificate_from_an_unknown_CA_ends_the_run_at_once()
    {
        await using var proxy = await Proxy();
        proxy.UnknownCa = true;

        var (error, elapsed) = await ReadFails(proxy);

        error.Status.Should().BeNull();
        error.Message.Should().StartWith($"cannot reach the API server {proxy.Url}: the TLS handshake failed:").And.Contain("certificate authority");
        proxy.Requests.Should().BeEmpty("no request is sent over a connection that failed verification");
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        Report(elapsed, error.Message);
    }

    private sealed record Run(ClusterFacts Facts, AuditResult Audit, int Requests, TimeSpan Elapsed);

    private Task<FaultProxy> Proxy()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        return FaultProxy.StartAsync(cluster.Client);
    }

    private async Task<Run> Read(FaultProxy proxy, KubeApiOptions? options = null)
    {
        using var client = new Kubernetes(proxy.ClientConfig());
        var api = new KubeApi(client, options ?? Options);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(Bound);
        var clock = Stopwatch.StartNew();
        var audit = await LiveCluster.AuditAsync(api, bound.Token);
        clock.Stop();
        clock.Elapsed.Should().BeLessThan(Bound);
        api.Requests.Should().Be(proxy.Requests.Count, "every request the client sent reached the proxy");
        return new Run(audit.Facts!, audit, api.Requests, clock.Elapsed);
    }

    private static async Task<(KubeApiException Error, TimeSpan Elapsed)> ReadFails(FaultProxy proxy)
    {
        using var client = new Kubernetes(proxy.ClientConfig());
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(Bound);
        var clock = Stopwatch.StartNew();
        var read = () => LiveCluster.AuditAsync(new KubeApi(client, Options), bound.Token);
        var error = (await read.Should().ThrowExactlyAsync<KubeApiException>()).Which;
        clock.Elapsed.Should().BeLessThan(Bound);
        return (error, clock.Elapsed);
    }

    private void SameAsConforming(RuleResult result) =>
        result.Outcome.Should().Be(cluster.Conforming[result.Rule.Id].Outcome, $"{result.Rule.Id} reads none of the faulted kinds: {string.Join("; ", result.Findings)}");

    private void AllAsConforming(AuditResult audit) => audit.Results.Should().AllSatisfy(SameAsConforming);

    private static void Report(Run run, string outcome) => Report(run.Elapsed, $"{outcome} ({run.Requests} requests)");

    private static void Report(TimeSpan elapsed, string outcome) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{outcome} in {elapsed.TotalSeconds:0.0} s");
}
