using Homelab.Conformance.Audit;
using Homelab.Conformance.Reports;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Reports;

/// <summary>reports/&lt;run-id&gt;/ with every format, reports/latest, and the history the trend reads back.</summary>
public sealed class ReportFolderTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("homelab-reports-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task The_warm_up_runs_every_writer_over_its_sample_without_an_error()
    {
        // The warm-up hides what it meets; run here in the open, its sample must go through every writer.
        var sample = ReportFolder.Sample();
        var history = ResultsJson.ReadSummary(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ResultsJson.Write(sample))));
        history.Should().NotBeNull();
        foreach (var writer in ReportFolder.Writers) writer.Write(sample, [history!]).Should().NotBeNullOrEmpty(writer.FileName);
        await ReportFolder.WarmUp().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    private string Write(int minute) => Write(minute, new RunMetadata(FixtureAudit.Spec, "0123"));

    private string Write(int minute, RunMetadata metadata)
    {
        var started = new DateTimeOffset(2026, 11, 25, 8, minute, 0, TimeSpan.Zero);
        var run = new RunReport(RunReport.NewRunId(started), started, TimeSpan.FromSeconds(0.3), metadata)
        {
            Static = FixtureAudit.Conforming,
            Today = FixtureAudit.Today,
        };
        return ReportFolder.Write(run, _root.FullName);
    }

    [Fact]
    public void A_run_folder_holds_every_format_and_latest_points_at_it()
    {
        var folder = Write(0);

        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(ReportFolder.Writers.Select(w => w.FileName));
        File.ReadAllText(Path.Combine(_root.FullName, "latest", "results.json")).Should().Be(File.ReadAllText(Path.Combine(folder, "results.json")));
    }

    [Fact]
    public void The_trend_reads_the_newest_runs_once_each_and_nothing_else()
    {
        var folders = Enumerable.Range(0, ReportFolder.TrendRuns + 2).Select(Write).ToList();
        Directory.CreateDirectory(Path.Combine(_root.FullName, "coverage"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "zz-other-tool"));
        var current = Results(folders[^1]);

        var history = ReportFolder.History(_root.FullName, current);

        history.Select(r => r.RunId).Should().Equal(folders.SkipLast(1).TakeLast(ReportFolder.TrendRuns).Select(Path.GetFileName),
            "the newest earlier runs, oldest first: not the current run, not reports/latest again, not other folders");
    }

    [Fact]
    public void The_trend_holds_only_runs_of_the_same_repo_spec_and_cluster()
    {
        var repo = new RunMetadata(FixtureAudit.Spec, "0123") { RepoPath = "/src/homelab", RepoRemote = "https://github.com/me/homelab" };
        var same = Write(0, repo);
        Write(1, repo with { SpecPath = "/src/other/architecture.yaml" });
        Write(2, repo with { ClusterServer = "https://10.0.40.10:6443" });
        Write(3, repo with { RepoRemote = "https://github.com/me/lab" });
        var sameElsewhere = Write(4, repo with { RepoPath = "/tmp/ci-checkout" });
        var current = Results(Write(5, repo));

        ReportFolder.History(_root.FullName, current).Select(r => r.RunId).Should().Equal([Path.GetFileName(same), Path.GetFileName(sameElsewhere)],
            "another spec, a live run and another repo are other trends; the same remote checked out elsewhere is the same repo");
    }

    private static ResultsDocument Results(string folder) => ResultsJson.Read(File.ReadAllText(Path.Combine(folder, "results.json")))!;
}
