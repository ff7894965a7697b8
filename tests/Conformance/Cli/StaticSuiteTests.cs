using System.Diagnostics;
using System.Xml.Linq;
using Homelab.Conformance.Live.Tests.Harness;

namespace Homelab.Conformance.Live.Tests.Cli;

/// <summary>
/// The static suite (tests/Static) as .NET users run it: a trait per rule and area to filter on, a
/// failure that reads as the finding, and one failing test for a spec that cannot be used instead
/// of one per rule. Runs the built suite with <c>dotnet test</c> and reads its TRX results.
/// </summary>
public sealed class StaticSuiteTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("homelab-static-suite-");

    public void Dispose() => _work.Delete(recursive: true);

    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>The suite's tests after <c>dotnet test</c> of it: name, outcome (Passed, Failed, NotExecuted) and failure message.</summary>
    private async Task<List<(string Name, string Result, string Message)>> Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var config = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!);
        var project = Path.Combine(LiveCluster.RepoRoot(), "tests", "Static");
        if (!Directory.Exists(Path.Combine(project, "bin", config))) Assert.Skip($"the static suite is not built ({config})");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "test", "--project", project, "--no-build", "-c", config, "--report-xunit-trx", "--report-xunit-trx-filename", "suite.trx", "--results-directory", _work.FullName }.Concat(args))
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Bound);
        await process.WaitForExitAsync(deadline.Token);
        var trx = Path.Combine(_work.FullName, "suite.trx");
        File.Exists(trx).Should().BeTrue(await output);
        return XDocument.Load(trx).Descendants(Trx + "UnitTestResult")
            .Select(t => ((string)t.Attribute("testName")!, (string)t.Attribute("outcome")!, t.Descendants(Trx + "Message").FirstOrDefault()?.Value ?? "")).ToList();
    }

    [Fact]
    public void A_trait_per_rule_and_area()
    {
        // The filter below relies on these: xunit's -trait and --filter-trait read them.
        var row = Homelab.Conformance.TestCases.RuleCases.Judging(Homelab.Conformance.Facts.FactOrigin.Repo).Single(r => r.Data == "HL-STO-002");

        row.Traits.Should().ContainKey("rule").WhoseValue.Should().Equal("HL-STO-002");
        row.Traits.Should().ContainKey("area").WhoseValue.Should().Equal("Storage");
    }

    [Fact]
    public async Task Filtering_on_the_area_trait_runs_that_area_s_rules()
    {
        var tests = await Run(new Dictionary<string, string>(), "--filter-trait", "area=Storage");

        tests.Select(t => t.Name).Should().HaveCount(5).And.OnlyContain(n => n.StartsWith("HL-STO-", StringComparison.Ordinal));
        tests.Should().OnlyContain(t => t.Result == "Passed");
    }

    [Fact]
    public async Task A_failing_rule_reads_as_its_finding()
    {
        var repo = Path.Combine(_work.FullName, "repo");
        Folders.Copy(Path.Combine(Fixtures, "homelab"), repo);
        Folders.Copy(Path.Combine(Fixtures, "violations", "HL-STO-002-two-mons", "overlay"), repo);

        var tests = await Run(new Dictionary<string, string> { ["HOMELAB_REPO"] = repo, ["HOMELAB_SPEC"] = Path.Combine(Fixtures, "architecture.yaml") }, "--filter-trait", "rule=HL-STO-002");

        var failed = tests.Should().ContainSingle().Subject;
        failed.Result.Should().Be("Failed");
        failed.Message.Should().StartWith("FAIL infrastructure/controllers/rook-ceph/cluster.yaml:31 (spec.values.cephClusterSpec.mon.count): rook-ceph mon count is 2 (expected 3, found 2)")
            .And.Contain("Fix: Set the CephCluster `mon.count`").And.NotContain("Expected");
    }

    [Fact]
    public async Task A_spec_that_cannot_be_used_fails_one_test_and_skips_the_rules()
    {
        var spec = Path.Combine(_work.FullName, "architecture.yaml");
        File.WriteAllText(spec, File.ReadAllText(Path.Combine(Fixtures, "architecture.yaml")).TrimEnd('\n') + "\ncolour: blue\n");
        var line = File.ReadAllLines(spec).Length;

        var tests = await Run(new Dictionary<string, string> { ["HOMELAB_SPEC"] = spec });

        var failed = tests.Where(t => t.Result == "Failed").Should().ContainSingle().Subject;
        failed.Name.Should().Be("Homelab.Static.Tests.RuleTests.The_audit_can_be_made");
        failed.Message.Should().Be($"invalid architecture spec {spec}:{Environment.NewLine}  line {line}: colour: unknown key (misspelt, or not part of the spec format)");
        tests.Where(t => t.Result != "Failed").Should().OnlyContain(t => t.Result == "NotExecuted").And.HaveCount(22);
    }
}
