using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Homelab.Conformance.Live.Tests.Harness;

namespace Homelab.Conformance.Live.Tests.Cli;

/// <summary>
/// What <c>homelab-audit static</c> prints, as a process: <c>--format</c> puts one report on stdout
/// and nothing else, a waiver of one object shows in every format, <c>--only</c>/<c>--skip</c> leave
/// the other rules out of every report, the console ends with a recap of what to fix, and progress
/// shows on a terminal only.
/// </summary>
public sealed class CliOutputTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
    private const string Cluster = "infrastructure/controllers/rook-ceph/cluster.yaml";
    private const string Filesystem = "CephFilesystem/rook-ceph/ceph-filesystem";
    private const string Reason = "CephFS shrinks to 3 copies after the disk swap";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("homelab-cli-output-");

    public void Dispose() => _work.Delete(recursive: true);

    private string Reports => Path.Combine(_work.FullName, "reports");

    /// <summary>
    /// The fixture with two pools breaking HL-STO-001 (the CephFS data pool keeps 5 copies, the object
    /// store is EC 4+2) and a spec whose waivers are <paramref name="waivers"/>.
    /// </summary>
    private string TwoBadPools(string waivers = "[]")
    {
        var root = Path.Combine(_work.FullName, "repo");
        Folders.Copy(Path.Combine(Fixtures, "homelab"), root);
        Folders.Copy(Path.Combine(Fixtures, "violations", "HL-STO-001-filesystem-size-5", "overlay"), root);
        var cluster = Path.Combine(root, Cluster);
        File.WriteAllText(cluster, File.ReadAllText(cluster).Replace("dataChunks: 2", "dataChunks: 4", StringComparison.Ordinal).Replace("codingChunks: 1", "codingChunks: 2", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(root, "architecture.yaml"), File.ReadAllText(AuditCli.Spec).Replace("waivers: []", $"waivers: {waivers}", StringComparison.Ordinal));
        return root;
    }

    private string Latest(string file) => File.ReadAllText(Path.Combine(Reports, "latest", file));

    [Fact]
    public async Task Format_json_writes_results_json_to_stdout_and_the_console_to_stderr()
    {
        var run = await AuditCli.RunAsync(Bound, "static", "--repo", Path.Combine(Fixtures, "homelab"), "--spec", AuditCli.Spec, "--reports", Reports, "--format", "json");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Be(Latest("results.json"), "stdout is the report, the same as the one in the run's folder, and nothing else");
        var results = JsonNode.Parse(run.Stdout)!;
        ((bool?)results["conformant"]).Should().BeTrue();
        results["rules"]!.AsArray().Should().HaveCount(21);
        run.Stderr.Should().Contain("CONFORMANT: 21 rules: 21 passed").And.Contain("Reports: ");
    }

    [Theory]
    [InlineData("sarif", "results.sarif")]
    [InlineData("junit", "junit.xml")]
    [InlineData("md", "report.md")]
    public async Task Each_format_on_stdout_is_that_report_and_the_exit_code_stays_the_verdict(string format, string file)
    {
        var run = await AuditCli.RunAsync(Bound, "static", "--repo", TwoBadPools(), "--reports", Reports, "--format", format);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stdout.Should().Be(Latest(file));
        run.Stderr.Should().Contain("NOT CONFORMANT");
    }

    [Fact]
    public async Task A_waiver_of_one_object_shows_in_the_console_and_every_report_while_the_rule_fails_for_the_other()
    {
        var waiver = $"\n  - {{rule: HL-STO-001, object: {Filesystem}, reason: {Reason}, expires: 2099-01-31}}";

        var run = await AuditCli.RunAsync(Bound, "static", "--repo", TwoBadPools(waiver), "--reports", Reports);

        run.ExitCode.Should().Be(1, $"the object store still fails{Environment.NewLine}{run}");
        // Console: the waived finding carries its waiver; the recap names only what is left to fix.
        run.Stdout.Should().MatchRegex(@"FAIL\s+HL-STO-001")
            .And.Contain($"replicated size is 5 (expected 2..3, found 5)\n                              waived for {Filesystem} until 2099-01-31: {Reason}\n");
        var recap = run.Stdout[run.Stdout.IndexOf("To fix (1 failed rule results):", StringComparison.Ordinal)..];
        recap.Should().Contain("FAIL HL-STO-001 Ceph replication sized for the nodes (repo)").And.Contain("ceph-objectstore-data").And.NotContain("ceph-filesystem-data0")
            .And.Contain("fix: Set each pool's `replicated.size` within the spec's bounds");

        // results.json: the finding is waived, names its object and the waiver; the rule fails.
        var rule = JsonNode.Parse(Latest("results.json"))!["rules"]!.AsArray().Single(r => (string?)r!["id"] == "HL-STO-001")!["static"]!;
        ((string?)rule["outcome"]).Should().Be("fail");
        var waived = rule["findings"]!.AsArray().Single(f => (string?)f!["outcome"] == "waived")!;
        ((string?)waived["object"]).Should().Be(Filesystem);
        ((string?)waived["waiver"]!["object"]).Should().Be(Filesystem);
        ((string?)waived["waiver"]!["expires"]).Should().Be("2099-01-31");
        rule["findings"]!.AsArray().Where(f => (string?)f!["outcome"] == "fail").Select(f => (string?)f!["object"]).Should().Equal("CephObjectStore/rook-ceph/ceph-objectstore");

        // SARIF: the waived finding is a suppressed note naming the object; the other stays an error.
        var results = JsonNode.Parse(Latest("results.sarif"))!["runs"]![0]!["results"]!.AsArray().Where(r => (string?)r!["ruleId"] == "HL-STO-001").ToList();
        var note = results.Single(r => (string?)r!["level"] == "note")!;
        ((string?)note["suppressions"]![0]!["justification"]).Should().Be($"{Reason} (waived for {Filesystem} until 2099-01-31 ({Reason}))");
        ((string?)note["properties"]!["object"]).Should().Be(Filesystem);
        results.Where(r => (string?)r!["level"] == "error").Select(r => (string?)r!["properties"]!["object"]).Should().Equal("CephObjectStore/rook-ceph/ceph-objectstore");

        // JUnit: the rule fails, and its body says which finding is waived and why.
        var testcase = XDocument.Parse(Latest("junit.xml")).Descendants("testcase").Single(c => ((string?)c.Attribute("name"))!.StartsWith("HL-STO-001", StringComparison.Ordinal));
        testcase.Element("failure")!.Value.Should().Contain($"waived {Cluster}:65").And.Contain($"[waived for {Filesystem} until 2099-01-31 ({Reason})]");

        // Markdown: a row of the waivers table for the object.
        Latest("report.md").Should().Contain($"| HL-STO-001 | `{Filesystem}` | static | 2099-01-31 | active | {Reason} |");

        // HTML: the waiver beside the finding, and in the waivers table.
        var html = Latest("report.html");
        html.Should().Contain($"Waived for {Filesystem} until 2099-01-31").And.Contain($"<code>{Filesystem}</code>");
    }

    [Fact]
    public async Task Only_and_skip_leave_the_other_rules_out_of_every_report()
    {
        var repo = TwoBadPools();

        var only = await AuditCli.RunAsync(Bound, "static", "--repo", repo, "--only", "HL-STO-001", "HL-STO-002", "--format", "json");
        var skip = await AuditCli.RunAsync(Bound, "static", "--repo", repo, "--skip", "HL-STO-001", "--reports", Reports);

        only.ExitCode.Should().Be(1, only.ToString());
        var results = JsonNode.Parse(only.Stdout)!;
        results["rules"]!.AsArray().Select(r => (string?)r!["id"]).Should().Equal("HL-STO-001", "HL-STO-002");
        results["metadata"]!["rulesNotRun"]!.AsArray().Should().HaveCount(21, "the catalogue has 23 rules").And.NotContain(r => (string?)r == "HL-STO-001");
        only.Stderr.Should().Contain("Not run (--only/--skip): 21 rules, HL-CP-001,").And.Contain("CONFORMANT: 2 rules:");

        skip.ExitCode.Should().Be(0, $"the only failing rule is skipped{Environment.NewLine}{skip}");
        skip.Stdout.Should().Contain("CONFORMANT: 20 rules: 20 passed").And.NotContain("HL-STO-001  ");
        // Every report names the rule as not run, and none shows an outcome of it.
        var json = JsonNode.Parse(Latest("results.json"))!;
        json["rules"]!.AsArray().Select(r => (string?)r!["id"]).Should().NotContain("HL-STO-001");
        json["metadata"]!["rulesNotRun"]!.AsArray().Select(r => (string?)r).Should().Equal("HL-STO-001");
        var sarif = JsonNode.Parse(Latest("results.sarif"))!["runs"]![0]!;
        sarif["tool"]!["driver"]!["rules"]!.AsArray().Select(r => (string?)r!["id"]).Should().NotContain("HL-STO-001");
        ((string?)sarif["properties"]!["rulesNotRun"]![0]).Should().Be("HL-STO-001");
        var junit = XDocument.Parse(Latest("junit.xml"));
        junit.Descendants("testcase").Select(c => (string?)c.Attribute("name")).Should().NotContain(n => n!.StartsWith("HL-STO-001", StringComparison.Ordinal));
        junit.Descendants("property").Should().Contain(p => (string?)p.Attribute("name") == "rulesNotRun" && (string?)p.Attribute("value") == "HL-STO-001");
        Latest("report.md").Should().NotContain("\n| HL-STO-001 |").And.Contain("| not run (--only/--skip) | HL-STO-001 |");
        Latest("report.html").Should().NotContain("rule-HL-STO-001").And.Contain("<dt>Not run (--only/--skip)</dt><dd>HL-STO-001</dd>");
    }

    [Fact]
    public async Task An_unknown_rule_id_exits_2_naming_it()
    {
        var run = await AuditCli.RunAsync(Bound, "static", "--repo", Path.Combine(Fixtures, "homelab"), "--only", "HL-STO-001", "HL-STO-099", "--skip", "HL-NOPE");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Be("error: no rule HL-STO-099, HL-NOPE (`homelab-audit rules` lists them)\n");
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Progress_shows_on_a_terminal_and_never_in_a_pipe()
    {
        if (!File.Exists("/usr/bin/script")) Assert.Skip("script(1) is not installed: no pseudo-terminal to run the CLI on");
        var args = new[] { "static", "--repo", Path.Combine(Fixtures, "homelab"), "--spec", AuditCli.Spec };

        var piped = await AuditCli.RunAsync(Bound, args);
        var terminal = await OnTerminal(args);

        piped.Stderr.Should().BeEmpty("stderr is not a terminal: no progress");
        terminal.Should().Contain("done reading the repo").And.Contain("done rendering what Flux applies").And.Contain("done running the rules")
            .And.Contain("CONFORMANT: 21 rules: 21 passed");
    }

    /// <summary>The CLI's output on a pseudo-terminal (script(1)): stdout and stderr both, as a person sees them.</summary>
    private static async Task<string> OnTerminal(string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", AuditCli.Dll }.Concat(args).Select(a => $"'{a}'"));
        var start = new ProcessStartInfo("/usr/bin/script", ["-qefc", command, "/dev/null"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["TERM"] = "xterm";
        using var script = Process.Start(start)!;
        var output = await script.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await script.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output.Replace("\r", "", StringComparison.Ordinal);
    }
}
