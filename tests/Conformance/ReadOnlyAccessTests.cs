using System.Text;
using k8s;

namespace Homelab.Conformance.Live.Tests;

/// <summary>
/// The audit needs only the read-only role of deploy/rbac.yaml: under a ServiceAccount token bound
/// to it (RBAC on), every rule decides as it does for an admin, and that token cannot write.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class ReadOnlyAccessTests(LiveCluster cluster)
{
    [Fact]
    public async Task The_audit_runs_under_the_read_only_role_with_the_same_outcomes()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.Seeded) Assert.Skip($"this test installs deploy/rbac.yaml: it runs only on a seeded throwaway cluster, not on {cluster.Target}");
        using var reader = await ReaderClient(cluster);

        var audit = await LiveCluster.AuditAsync(reader);

        audit.Facts!.UnreadableKinds.Keys.Should().BeEquivalentTo(["Secret"], "the role grants every kind the rules read, and no Secrets");
        audit.Problems.Should().BeEmpty("the role leaves Secrets out on purpose: no warning on every run");
        audit.Results.Should().AllSatisfy(r => r.Outcome.Should().Be(cluster.Conforming[r.Rule.Id].Outcome,
            $"{r.Rule.Id} under the read-only role: {string.Join("; ", r.Findings)}"));
    }

    [Fact]
    public async Task The_read_only_role_cannot_write()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.Seeded) Assert.Skip($"this test installs deploy/rbac.yaml: it runs only on a seeded throwaway cluster, not on {cluster.Target}");
        using var reader = await ReaderClient(cluster);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(reader.BaseUri, "/api/v1/namespaces/default/configmaps"))
        {
            Content = new StringContent("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"written-by-the-audit"}}""", Encoding.UTF8, "application/json"),
        };
        await reader.Credentials!.ProcessHttpRequestAsync(request, TestContext.Current.CancellationToken);
        using var response = await reader.HttpClient.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
    }

    /// <summary>A client authenticated only by the ServiceAccount's token, as the in-cluster CronJob is (installs deploy/rbac.yaml).</summary>
    internal static async Task<Kubernetes> ReaderClient(LiveCluster cluster) => new(await cluster.ReadOnlyConfigAsync());
}
