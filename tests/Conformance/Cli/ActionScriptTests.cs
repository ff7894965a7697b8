using System.Diagnostics;
using Homelab.Conformance.Live.Tests.Harness;

namespace Homelab.Conformance.Live.Tests.Cli;

/// <summary>
/// tools/action/audit.sh, the logic of action.yml, run as the action runs it: the inputs as
/// INPUT_* variables, GitHub's output and summary files, the audit as HOMELAB_AUDIT. It gives the
/// verdict and the report folder as step outputs, keeps only the formats asked for, writes the
/// job summary, links evidence to the commit on GitHub, and never fails the step itself.
/// </summary>
public sealed class ActionScriptTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("homelab-action-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task A_conforming_repo_is_conformant_with_every_report_the_summary_and_links_to_the_commit()
    {
        var run = await Action(("INPUT_REPO_PATH", Path.Combine(Fixtures, "homelab")), ("INPUT_SPEC", AuditCli.Spec),
            ("GITHUB_WORKSPACE", Fixtures), ("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_REPOSITORY", "me/homelab"), ("GITHUB_SHA", "0123abc"));

        run.Code.Should().Be(0, run.Log);
        run.Outputs.Should().Contain(new Dictionary<string, string> { ["verdict"] = "conformant", ["exit-code"] = "0" });
        Directory.GetFiles(run.Outputs["report-folder"]).Select(Path.GetFileName).Should().BeEquivalentTo(["results.sarif", "report.md", "report.html", "results.json", "junit.xml"]);
        run.Summary.Should().Be(File.ReadAllText(Path.Combine(run.Outputs["report-folder"], "report.md")));
        File.ReadAllText(Path.Combine(run.Outputs["report-folder"], "report.html"))
            .Should().Contain("href=\"https://github.com/me/homelab/blob/0123abc/homelab/", "evidence links to the repo's folder at the commit");
    }

    [Fact]
    public async Task A_violation_is_not_conformant_and_the_step_itself_still_succeeds()
    {
        var repo = Path.Combine(_work.FullName, "repo");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Fixtures, "homelab"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(repo, Path.GetRelativePath(Path.Combine(Fixtures, "homelab"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var cluster = Path.Combine(repo, "infrastructure", "controllers", "rook-ceph", "cluster.yaml");
        File.WriteAllText(cluster, File.ReadAllText(cluster).Replace("count: 3", "count: 2", StringComparison.Ordinal));

        var run = await Action(("INPUT_REPO_PATH", repo), ("INPUT_SPEC", AuditCli.Spec), ("INPUT_FORMATS", "md, json,pdf"));

        run.Code.Should().Be(0, "action.yml fails the job from the verdict, after publishing the reports");
        run.Outputs.Should().Contain(new Dictionary<string, string> { ["verdict"] = "not-conformant", ["exit-code"] = "1" });
        Directory.GetFiles(run.Outputs["report-folder"]).Select(Path.GetFileName).Should().BeEquivalentTo(["report.md", "results.json"]);
        run.Log.Should().Contain("::warning::formats: unknown format 'pdf' (sarif, md, html, json, junit)");
        run.Summary.Should().Contain("HL-STO-002");
    }

    [Fact]
    public async Task A_run_that_cannot_be_made_is_an_error_verdict()
    {
        var run = await Action(("INPUT_REPO_PATH", Path.Combine(_work.FullName, "no-such-repo")));

        run.Code.Should().Be(0);
        run.Outputs.Should().Contain(new Dictionary<string, string> { ["verdict"] = "error", ["exit-code"] = "2" });
    }

    [Fact]
    public async Task An_unknown_command_is_an_error_verdict_naming_it()
    {
        var run = await Action(("INPUT_COMMAND", "lint"));

        run.Outputs["verdict"].Should().Be("error");
        run.Log.Should().Contain("::error::command: 'lint' is not static, live or all");
    }

    private sealed record ActionRun(int Code, IReadOnlyDictionary<string, string> Outputs, string Summary, string Log);

    private async Task<ActionRun> Action(params (string Name, string Value)[] inputs)
    {
        var temp = Directory.CreateDirectory(Path.Combine(_work.FullName, "runner-temp")).FullName;
        var output = Path.Combine(_work.FullName, "github-output");
        var summary = Path.Combine(_work.FullName, "step-summary");
        var start = new ProcessStartInfo(Path.Combine(LiveCluster.RepoRoot(), "tools", "action", "audit.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _work.FullName,
        };
        foreach (var name in new[] { "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA", "GITHUB_WORKSPACE", "HOMELAB_REPO_URL" }) start.Environment.Remove(name);
        start.Environment["HOMELAB_AUDIT"] = $"dotnet {AuditCli.Dll}";
        start.Environment["RUNNER_TEMP"] = temp;
        start.Environment["GITHUB_OUTPUT"] = output;
        start.Environment["GITHUB_STEP_SUMMARY"] = summary;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in inputs) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var outputs = File.Exists(output) ? File.ReadAllLines(output).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]) : [];
        return new ActionRun(process.ExitCode, outputs, File.Exists(summary) ? File.ReadAllText(summary) : "", await stdout + await stderr);
    }
}
