using Homelab.Conformance.Audit;
using Homelab.Conformance.Live.Tests.Harness;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Live.Tests.Cli;

/// <summary>
/// <c>homelab-audit static</c> as a process: exit 0 on the conforming fixture, 1 on a violation
/// (naming the rule, file and line), 2 when the run cannot be made (one <c>error:</c> line, no
/// stack trace); <c>--strict</c> also fails on what is left undecided, but not on what the spec turns off.
/// </summary>
public sealed class StaticCliTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("homelab-static-cli-");

    public void Dispose() => _work.Delete(recursive: true);

    private static Task<CliRun> Static(params string[] args) => AuditCli.RunAsync(Bound, ["static", "--spec", AuditCli.Spec, .. args]);

    /// <summary>A copy of the conforming fixture with some files laid over it.</summary>
    private string Repo(params (string Path, string Text)[] files) => Repo(false, files);

    /// <summary>The same, <paramref name="withoutDocs"/> leaving out the fixture's docs pages (which would otherwise be the spec, or be compared with it).</summary>
    private string Repo(bool withoutDocs, params (string Path, string Text)[] files)
    {
        var root = Path.Combine(_work.FullName, "repo");
        Folders.Copy(Path.Combine(Fixtures, "homelab"), root);
        if (withoutDocs) Directory.Delete(Path.Combine(root, "docs"), recursive: true);
        foreach (var (path, text) in files) File.WriteAllText(Path.Combine(root, path), text);
        return root;
    }

    [Fact]
    public async Task The_conforming_fixture_exits_0()
    {
        var run = await Static("--repo", Path.Combine(Fixtures, "homelab"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("CONFORMANT: 21 rules: 21 passed");
    }

    [Fact]
    public async Task A_violation_exits_1_naming_the_rule_file_and_line()
    {
        var cluster = "infrastructure/controllers/rook-ceph/cluster.yaml";
        var repo = Repo((cluster, File.ReadAllText(Path.Combine(Fixtures, "homelab", cluster)).Replace("count: 3", "count: 2", StringComparison.Ordinal)));

        var run = await Static("--repo", repo);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stdout.Should().MatchRegex(@"FAIL\s+HL-STO-002").And.Contain($"{cluster}:30 (spec.values.cephClusterSpec.mon.count)");
        run.Stdout.Should().Contain("NOT CONFORMANT");
    }

    [Fact]
    public async Task An_input_warning_passes_unless_strict()
    {
        var kustomization = "infrastructure/controllers/cilium/kustomization.yaml";
        var repo = Repo((kustomization, File.ReadAllText(Path.Combine(Fixtures, "homelab", kustomization)) + "vars: []\n"));

        var lenient = await Static("--repo", repo);
        var strict = await Static("--repo", repo, "--strict");

        lenient.ExitCode.Should().Be(0, lenient.ToString());
        lenient.Stdout.Should().Contain("kustomize 'vars' is not evaluated");
        strict.ExitCode.Should().Be(1, strict.ToString());
        strict.Stdout.Should().Contain("strict: 0 inconclusive rule results and 1 input warnings count as not conformant");
    }

    [Fact]
    public async Task Requirements_the_spec_turns_off_are_not_applicable_in_the_console_results_and_junit()
    {
        var fixture = Path.Combine(Fixtures, "not-applicable");
        var repo = Repo(withoutDocs: true);
        Folders.Copy(Path.Combine(fixture, "overlay"), repo);
        var reports = Path.Combine(_work.FullName, "reports");

        var run = await AuditCli.RunAsync(Bound, "static", "--repo", repo, "--spec", Path.Combine(fixture, "architecture.yaml"), "--reports", reports, "--strict");

        run.ExitCode.Should().Be(0, $"not applicable is neither a failure nor undecided, even under --strict{Environment.NewLine}{run}");
        run.Stdout.Should().MatchRegex(@"N/A\s+HL-NET-002\s+Cilium replaces kube-proxy\n\s+architecture\.yaml:25 \(network\.kubeProxy\): the spec keeps kube-proxy, so nothing needs to replace it\n");
        run.Stdout.Should().Contain("CONFORMANT: 21 rules: 15 passed, 0 failed, 0 inconclusive, 6 not applicable, 0 waived, 0 errors", "the docs rules have no page here");

        var results = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(reports, "latest", "results.json")))!;
        var net002 = results["rules"]!.AsArray().Single(r => (string?)r!["id"] == "HL-NET-002")!["static"]!;
        ((string?)net002["outcome"]).Should().Be("notApplicable");
        ((string?)net002["findings"]![0]!["evidence"]!["location"]).Should().Be("architecture.yaml:25 (network.kubeProxy)");
        ((int?)results["summary"]!["static"]!["notApplicable"]).Should().Be(6, "the four the spec turns off, and the two docs rules with no page");
        ((bool?)results["conformant"]).Should().BeTrue();

        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(reports, "latest", "junit.xml"));
        var suite = junit.Root!.Element("testsuite")!;
        ((int)suite.Attribute("skipped")!).Should().Be(6);
        ((int)suite.Attribute("failures")!).Should().Be(0);
        var skipped = suite.Elements("testcase").Single(c => (string?)c.Attribute("name") == "HL-NET-002 Cilium replaces kube-proxy").Element("skipped")!;
        ((string?)skipped.Attribute("message")).Should().Be("not applicable: the spec keeps kube-proxy, so nothing needs to replace it");
    }

    [Fact]
    public async Task A_missing_repo_exits_2_with_one_error_line()
    {
        var run = await Static("--repo", Path.Combine(_work.FullName, "absent"));

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.TrimEnd('\n').Split('\n').Should().ContainSingle(run.ToString()).Which.Should().Match("error: the repository folder * does not exist");
        run.ShouldShowNoStackTrace();
    }

    [Fact]
    public async Task A_bad_spec_exits_2_naming_the_file_line_and_key()
    {
        var spec = Path.Combine(_work.FullName, "architecture.yaml");
        var lines = File.ReadAllLines(AuditCli.Spec).Length;
        File.WriteAllText(spec, File.ReadAllText(AuditCli.Spec).TrimEnd('\n') + "\ncolour: blue\n");

        var run = await AuditCli.RunAsync(Bound, "static", "--repo", Path.Combine(Fixtures, "homelab"), "--spec", spec);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().StartWith($"error: invalid architecture spec {spec}:").And.Contain($"line {lines + 1}: colour: unknown key");
        run.Stdout.Should().BeEmpty("no rule runs against a spec that cannot be read");
        run.ShouldShowNoStackTrace();
    }

    [Fact]
    public async Task A_repo_without_a_spec_is_audited_against_the_built_in_one_and_the_first_line_says_so()
    {
        var run = await AuditCli.RunAsync(Bound, "static", "--repo", Repo(withoutDocs: true));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Split('\n')[0].Should().Be(RunMetadata.BuiltInSpecNote);
        run.Stdout.Should().Contain($"against {ReferenceSpec.Name}").And.Contain("CONFORMANT: 21 rules: 19 passed");
    }

    [Fact]
    public async Task Init_writes_the_starter_spec_which_the_next_run_uses()
    {
        var repo = Repo();

        var init = await AuditCli.RunAsync(Bound, "init", "--repo", repo);
        var again = await AuditCli.RunAsync(Bound, "init", "--repo", repo);
        var audit = await AuditCli.RunAsync(Bound, "static", "--repo", repo);

        init.ExitCode.Should().Be(0, init.ToString());
        File.ReadAllText(Path.Combine(repo, "architecture.yaml")).Should().Be(ReferenceSpec.Text);
        again.ExitCode.Should().Be(2, again.ToString());
        again.Stderr.Should().Match("error: *architecture.yaml already exists (--force replaces it)*");
        audit.ExitCode.Should().Be(0, audit.ToString());
        audit.Stdout.Should().StartWith("Audit of").And.Contain($"against {Path.Combine(repo, "architecture.yaml")}").And.NotContain(ReferenceSpec.Name);
    }

    [Fact]
    public async Task Init_from_docs_writes_the_page_s_spec_and_without_a_spec_the_page_is_the_spec()
    {
        var repo = Repo();

        var fromPage = await AuditCli.RunAsync(Bound, "static", "--repo", repo, "--offline");
        var init = await AuditCli.RunAsync(Bound, "init", "--repo", repo, "--from-docs", Path.Combine(repo, "docs"));
        var fromFile = await AuditCli.RunAsync(Bound, "static", "--repo", repo, "--offline");

        fromPage.ExitCode.Should().Be(0, fromPage.ToString());
        fromPage.Stdout.Should().StartWith("No spec given and no architecture.yaml in the repo: the architecture page ")
            .And.Contain(Path.Combine("docs", "architecture.md") + " is the spec");
        init.ExitCode.Should().Be(0, init.ToString());
        init.Stdout.Should().StartWith("Wrote ").And.Contain("from docs/architecture.md, docs/hardware.md: 20 keys from the docs");
        File.ReadAllText(Path.Combine(repo, "architecture.yaml")).Should().Contain("# docs: docs/architecture.md:");
        fromFile.ExitCode.Should().Be(0, fromFile.ToString());
        fromFile.Stdout.Should().StartWith("Audit of").And.Contain($"against {Path.Combine(repo, "architecture.yaml")}");
    }

    [Fact]
    public async Task Init_with_force_replaces_an_edited_spec()
    {
        var repo = Repo(("architecture.yaml", "edited: true\n"));

        var run = await AuditCli.RunAsync(Bound, "init", "--repo", repo, "--force");

        run.ExitCode.Should().Be(0, run.ToString());
        File.ReadAllText(Path.Combine(repo, "architecture.yaml")).Should().Be(ReferenceSpec.Text);
    }

    [Fact]
    public async Task A_repo_of_several_clusters_exits_2_listing_them_and_the_flag_until_one_is_chosen()
    {
        var repo = Path.Combine(Fixtures, "entries", "two-clusters");

        var unchosen = await AuditCli.RunAsync(Bound, "static", "--repo", repo);
        var chosen = await AuditCli.RunAsync(Bound, "static", "--repo", repo, "--cluster", "lab");

        unchosen.ExitCode.Should().Be(2, unchosen.ToString());
        unchosen.Stderr.TrimEnd('\n').Split('\n').Should().ContainSingle(unchosen.ToString()).Which.Should()
            .Match("error: * holds 2 clusters; choose one with --cluster NAME: clusters/home (*); clusters/lab (*)");
        unchosen.ShouldShowNoStackTrace();
        chosen.Stdout.Should().Contain("(cluster clusters/lab) against").And.Contain(Path.Combine("clusters", "lab", "architecture.yaml"));
        chosen.ExitCode.Should().NotBe(2, chosen.ToString());
    }

    [Theory]
    [InlineData("--spec", "/dev/zero", "error: invalid architecture spec /dev/zero:*it is a character device, not a file; it is not read*")]
    [InlineData("--chart-values", "cilium=/dev/zero", "error: --chart-values cilium=/dev/zero: /dev/zero is a character device, not a file")]
    public async Task A_device_given_as_a_file_exits_2_at_once_with_one_error_line(string option, string value, string error)
    {
        var run = await AuditCli.RunAsync(Bound, "static", "--repo", Path.Combine(Fixtures, "homelab"), option, value);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).Should().ContainSingle(run.ToString());
        run.Stderr.ReplaceLineEndings(" ").Trim().Should().Match(error);
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "nothing is read from the device (0.2 s here, process start included)");
        run.ShouldShowNoStackTrace();
    }

    [Fact]
    public async Task A_FIFO_given_as_the_spec_exits_2_without_waiting_for_a_writer()
    {
        var fifo = Path.Combine(_work.FullName, "architecture.yaml");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();

        var run = await AuditCli.RunAsync(Bound, "static", "--repo", Path.Combine(Fixtures, "homelab"), "--spec", fifo);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("it is a FIFO (named pipe), not a file; it is not read");
    }
}
