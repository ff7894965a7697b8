using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Homelab.Conformance.Live.Tests.Cli;

/// <summary>
/// <c>run-conformance.sh</c> passes each subcommand's options to the CLI unchanged: <c>live --help</c>
/// is the CLI's whole help, and <c>static</c> takes <c>--only</c> and <c>--format</c> as the binary does.
/// </summary>
public sealed class RunConformanceScriptTests : IDisposable
{
    private readonly DirectoryInfo _reports = Directory.CreateTempSubdirectory("homelab-script-reports-");

    public void Dispose() => _reports.Delete(recursive: true);

    // The first run publishes the audit (about a minute on 2 cores); later ones only check timestamps.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    private async Task<(int ExitCode, string Stdout, string Stderr)> Script(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(LiveCluster.RepoRoot(), "run-conformance.sh")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["HOMELAB_REPORTS"] = _reports.FullName;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Bound);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Live_help_is_the_CLI_s_help_with_every_option()
    {
        var (exit, stdout, stderr) = await Script("live", "--help");

        exit.Should().Be(0, stderr);
        stdout.Should().Contain("homelab-audit live [options]").And.Contain("--entry <entry>").And.Contain("--format <").And.Contain("--only <only>");
        stderr.Should().BeEmpty("no control plane is started and nothing else is done for help");
    }

    [Fact]
    public async Task Static_passes_only_and_format_through_and_stdout_is_the_report()
    {
        var (exit, stdout, stderr) = await Script("static", "--only", "HL-STO-002", "--format", "json");

        exit.Should().Be(0, stderr);
        JsonNode.Parse(stdout)!["rules"]!.AsArray().Select(r => (string?)r!["id"]).Should().Equal("HL-STO-002");
        stderr.Should().Contain("CONFORMANT: 1 rules: 1 passed");
    }
}
