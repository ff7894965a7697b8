using System.Net;
using Homelab.Conformance.Live.Tests.Harness;

namespace Homelab.Conformance.Live.Tests.Faults;

/// <summary>
/// <c>homelab-audit live</c> as a process, through <see cref="FaultProxy"/>: a run that cannot be
/// made exits 2 with one <c>error:</c> line on stderr and no .NET stack trace; one kind that cannot
/// be read makes its rules inconclusive with the reason, not the run failed.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class CliFaultTests(LiveCluster cluster)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Unreachable_server_exits_2_with_one_error_line()
    {
        var proxy = await Proxy();
        var kubeconfig = proxy.WriteKubeconfig();
        await proxy.StopAsync();
        try
        {
            var run = await Live(kubeconfig);

            RunFailed(run, $"error: cannot reach the API server {proxy.Url}: Connection refused ({proxy.Url.Host}:{proxy.Url.Port})");
        }
        finally
        {
            await proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task Server_certificate_from_an_unknown_CA_exits_2_with_one_error_line()
    {
        await using var proxy = await Proxy();
        proxy.UnknownCa = true;

        var run = await Live(proxy.WriteKubeconfig());

        RunFailed(run, $"error: cannot reach the API server {proxy.Url}: the TLS handshake failed: *certificate authority*");
        proxy.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Rejected_credentials_exit_2_with_one_error_line()
    {
        await using var proxy = await Proxy();
        proxy.Inject("*", Fault.Error(HttpStatusCode.Unauthorized, "Unauthorized"));

        var run = await Live(proxy.WriteKubeconfig());

        RunFailed(run, "error: GET /*: 401 Unauthorized: Unauthorized");
    }

    [Fact]
    public async Task A_server_that_never_answers_exits_2_when_the_audit_timeout_ends()
    {
        await using var proxy = await Proxy();
        proxy.Inject("*", Fault.Stall);

        var run = await Live(proxy.WriteKubeconfig(), "--timeout", "3");

        RunFailed(run, "error: the audit did not finish within 3 s");
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_missing_kubeconfig_exits_2_with_one_error_line()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-kubeconfig-{Guid.NewGuid():N}");

        var run = await Live(missing);

        RunFailed(run, "error: cannot load the cluster configuration: *");
    }

    [Fact]
    public async Task Forbidden_on_one_kind_is_not_a_run_failure_and_names_the_reason()
    {
        await using var proxy = await Proxy();
        proxy.Inject("ciliumclusterwidenetworkpolicies", Fault.Error(HttpStatusCode.Forbidden,
            """ciliumclusterwidenetworkpolicies.cilium.io is forbidden: User "audit" cannot list resource "ciliumclusterwidenetworkpolicies" in API group "cilium.io" at the cluster scope"""));

        var run = await Live(proxy.WriteKubeconfig());

        // The run was made: its rule is inconclusive with the reason and the rest still ran. Whether an
        // inconclusive rule fails the run (0 or 1) is AuditResult.Conformant's policy; only 2 would be wrong.
        run.ExitCode.Should().NotBe(2, run.ToString());
        run.Stderr.Should().BeEmpty();
        run.Stdout.Should().MatchRegex(@"INCONCLUSIVE\s+HL-NET-005").And.Contain("CiliumClusterwideNetworkPolicy could not be read").And.Contain("403 Forbidden");
        run.Stdout.Should().MatchRegex(@"PASS\s+HL-NET-004", "the rules that do not read the kind still ran");
        run.ShouldShowNoStackTrace();
        var strict = await Live(proxy.WriteKubeconfig(), "--strict");
        strict.ExitCode.Should().Be(1, $"--strict lets nothing go unchecked{Environment.NewLine}{strict}");
        strict.Stdout.Should().MatchRegex(@"strict: [1-9]\d* inconclusive rule results and [1-9]\d* input warnings count as not conformant");
        TestContext.Current.TestOutputHelper?.WriteLine($"exit {run.ExitCode}, HL-NET-005 inconclusive (403 Forbidden) in {run.Elapsed.TotalSeconds:0.0} s");
    }

    private Task<FaultProxy> Proxy()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        return FaultProxy.StartAsync(cluster.Client);
    }

    private static Task<CliRun> Live(string kubeconfig, params string[] more) =>
        AuditCli.RunAsync(Bound, ["live", "--kubeconfig", kubeconfig, "--spec", AuditCli.Spec, .. more]);

    private static void RunFailed(CliRun run, string errorLine)
    {
        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.TrimEnd('\n').Split('\n').Should().ContainSingle(run.ToString()).Which.Should().Match(errorLine);
        run.Elapsed.Should().BeLessThan(Bound);
        run.ShouldShowNoStackTrace();
        TestContext.Current.TestOutputHelper?.WriteLine($"exit {run.ExitCode}, {run.Stderr.TrimEnd()} in {run.Elapsed.TotalSeconds:0.0} s");
    }
}
