using k8s;
using Homelab.Conformance.Live.Tests.Harness;

namespace Homelab.Conformance.Live.Tests.Faults;

/// <summary>
/// The audit is read-only, proven on the wire: <see cref="FaultProxy"/> records every request a
/// full audit sends (the reader in-process, and the CLI process end to end), and each one is a GET.
/// Under the ServiceAccount token bound only to deploy/rbac.yaml's read-only role, it still passes.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class ReadOnlyProofTests(LiveCluster cluster)
{
    [Fact]
    public async Task A_full_audit_sends_only_GET_requests()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        await using var proxy = await FaultProxy.StartAsync(cluster.Client);
        using var client = new Kubernetes(proxy.ClientConfig());

        var audit = await LiveCluster.AuditAsync(client);

        OnlyGets(proxy);
        audit.Results.Should().AllSatisfy(r => r.Outcome.Should().Be(cluster.Conforming[r.Rule.Id].Outcome, r.Rule.Id));
        proxy.Requests.Where(r => r.Path.StartsWith("/api/v1/secrets", StringComparison.Ordinal)).Should().NotBeEmpty()
            .And.AllSatisfy(r => r.Path.Should().Be("/api/v1/secrets", "Secrets are only listed (as metadata), never read one by one"));
    }

    [Fact]
    public async Task The_CLI_audit_sends_only_GET_requests_and_exits_0_on_a_conforming_cluster()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        await using var proxy = await FaultProxy.StartAsync(cluster.Client);

        var run = await AuditCli.RunAsync(TimeSpan.FromSeconds(30), "live", "--kubeconfig", proxy.WriteKubeconfig(), "--spec", AuditCli.Spec);

        run.ExitCode.Should().Be(cluster.Conforming.Conformant ? 0 : 1, run.ToString());
        run.Stderr.Should().BeEmpty();
        OnlyGets(proxy);
    }

    [Fact]
    public async Task Under_the_read_only_ServiceAccount_the_audit_passes_with_only_GET_requests()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.Seeded) Assert.Skip($"this test installs deploy/rbac.yaml: it runs only on a seeded throwaway cluster, not on {cluster.Target}");
        using var reader = await ReadOnlyAccessTests.ReaderClient(cluster);
        await using var proxy = await FaultProxy.StartAsync(reader);
        using var client = new Kubernetes(proxy.ClientConfig());

        var audit = await LiveCluster.AuditAsync(client);

        OnlyGets(proxy);
        audit.Facts!.UnreadableKinds.Keys.Should().BeEquivalentTo(["Secret"], "the role grants every kind the rules read, and no Secrets");
        audit.Results.Should().AllSatisfy(r => r.Outcome.Should().Be(cluster.Conforming[r.Rule.Id].Outcome, r.Rule.Id));
        audit.Conformant.Should().Be(cluster.Conforming.Conformant);
    }

    private static void OnlyGets(FaultProxy proxy)
    {
        var requests = proxy.Requests;
        requests.Should().NotBeEmpty();
        requests.Should().AllSatisfy(r => r.Method.Should().Be("GET", r.ToString()));
        TestContext.Current.TestOutputHelper?.WriteLine($"{requests.Count} requests, methods: {string.Join(", ", requests.Select(r => r.Method).Distinct())}");
    }
}
