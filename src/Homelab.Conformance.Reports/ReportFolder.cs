using Homelab.Conformance.Audit;

namespace Homelab.Conformance.Reports;

/// <summary>
/// Writes a run's reports under <c>reports/&lt;run-id&gt;/</c> in every format, and points
/// <c>reports/latest</c> at it. Earlier runs' results.json in the same folder make the trend.
/// </summary>
public static class ReportFolder
{
    /// <summary>How many earlier runs the trend shows.</summary>
    public const int TrendRuns = 10;

    /// <summary>Every format of the library, found by reflection so adding one needs no list kept by hand.</summary>
    public static IReadOnlyList<IReportWriter> Writers { get; } = typeof(IReportWriter).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IReportWriter)))
        .Select(t => (IReportWriter)Activator.CreateInstance(t)!)
        .OrderBy(w => w.FileName, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// Starts running every writer, and the trend's reader, once over a small made-up run on a thread
    /// of the pool, writing nothing: their first use (type loads, code compiled for generic
    /// instantiations, System.Text.Json's metadata: some 40 ms of a cold start) is then paid while
    /// the audit still works on one core, not after it. The real reports are the same with it or
    /// without; a warm-up that fails leaves the real write to meet and report the same.
    /// </summary>
    public static Task WarmUp() => Task.Run(() =>
    {
        try
        {
            var sample = Sample();
            using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ResultsJson.Write(sample)));
            IReadOnlyList<ResultsDocument> history = ResultsJson.ReadSummary(json) is { } earlier ? [earlier] : [];
            foreach (var writer in Writers) writer.Write(sample, history);
        }
#pragma warning disable CA1031 // a warm-up never stops the run: whatever it met, the real write meets and reports
        catch (Exception) { }
#pragma warning restore CA1031
    });

    /// <summary>A run with a rule of each outcome on both sides, findings, waivers, problems, drift and docs: enough to use every writer's code.</summary>
    internal static ResultsDocument Sample()
    {
        var at = new EvidenceEntry("repo", "a.yaml:1") { File = "a.yaml", Line = 1, Column = 1, YamlPath = "spec" };
        var live = new EvidenceEntry("live", "Kind/ns/name") { Kind = "Kind", Namespace = "ns", Name = "name" };
        var waiver = new WaiverEntry("reason", "2026-01-01", true, at) { Object = "Kind/ns/name" };
        var rules = Summary.Outcomes.Select((outcome, i) => new RuleEntry($"HL-X-00{i}", "title", "claim", "Area", "remedy",
            new RuleOutcome(outcome, [new FindingEntry(outcome, "message", at, "expected", "found") { Object = "Kind/ns/name", Waiver = waiver }], waiver, 1.5),
            new RuleOutcome(outcome, [new FindingEntry(outcome, "message", live, null, null)], null, 0.5))
        {
            Docs = [new DocsEntry("claim", "value", at, "text")],
        }).ToList();
        var problems = new[] { new ProblemEntry("static", "error", "cause", at), new ProblemEntry("live", "warning", "cause", live) };
        var drift = new[] { new DriftEntry("subject", "declared", at, "live", live) };
        var metadata = new RunMetadata("/spec.yaml", "0") { RepoPath = "/repo", RepoCommit = "0" };
        return new ResultsDocument(ResultsDocument.Version, "20260101T000000Z", DateTimeOffset.UnixEpoch, 1, false, metadata,
            Summary.Of(rules, problems, drift), rules, problems, drift);
    }

    public static string Write(RunReport run, string reportsRoot)
    {
        var results = ResultsDocument.From(run);
        var history = History(reportsRoot, results);
        var folder = Path.Combine(reportsRoot, run.RunId);
        Directory.CreateDirectory(folder);
        // The formats are independent: written side by side, a cold start's first-use costs overlap.
        // A failure surfaces as itself (a full disk is an IOException), not wrapped by the loop.
        try
        {
            Parallel.ForEach(Writers, writer => File.WriteAllText(Path.Combine(folder, writer.FileName), writer.Write(results, history)));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        PointLatest(reportsRoot, run.RunId);
        return folder;
    }

    /// <summary>
    /// Earlier runs of the same target, oldest first: the same repo (its remote, else its folder) and
    /// cluster of it, the same spec, and the same API server, so a reports folder several audits share
    /// keeps one trend each. Each is read as its summary (no rules or problems); a folder whose results.json
    /// cannot be read is left out of the trend.
    /// </summary>
    public static IReadOnlyList<ResultsDocument> History(string reportsRoot, ResultsDocument current)
    {
        if (!Directory.Exists(reportsRoot)) return [];
        var runs = new List<ResultsDocument>();
        var key = TrendKey(current);
        // Run ids sort by time: newest first, until the trend is full (not reports/latest, a link to
        // one of them, nor folders of other tools without results.json).
        var newestFirst = Directory.GetDirectories(reportsRoot)
            .Where(d => Path.GetFileName(d) != current.RunId && new DirectoryInfo(d).LinkTarget is null && File.Exists(Path.Combine(d, "results.json")))
            .OrderDescending(StringComparer.Ordinal);
        foreach (var file in newestFirst.Select(d => Path.Combine(d, "results.json")))
        {
            try
            {
                using var json = File.OpenRead(file);
                if (ResultsJson.ReadSummary(json) is { } earlier && TrendKey(earlier) == key) runs.Add(earlier);
            }
            catch (System.Text.Json.JsonException) { }
            if (runs.Count == TrendRuns) break;
        }
        return runs.OrderBy(r => r.StartedAt).ToList();
    }

    /// <summary>What makes two runs points of one trend: the repo and its cluster, the spec, the API server.</summary>
    private static (string?, string?, string, string?) TrendKey(ResultsDocument run)
    {
        var m = run.Metadata;
        // A spec inside the repo is named from its root, so fresh checkouts (a CI job's) keep one trend.
        var spec = m.RepoPath is { } repo && Path.GetRelativePath(repo, m.SpecPath) is var inRepo && !inRepo.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(inRepo)
            ? inRepo : m.SpecPath;
        return (m.RepoRemote ?? m.RepoPath, m.Cluster, spec, m.ClusterServer);
    }

    /// <summary>reports/latest: a symbolic link to the newest run folder (a text file naming it where links are not allowed).</summary>
    private static void PointLatest(string reportsRoot, string runId)
    {
        var latest = Path.Combine(reportsRoot, "latest");
        if (File.Exists(latest) || Directory.Exists(latest)) File.Delete(latest);
        try { Directory.CreateSymbolicLink(latest, runId); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException) { File.WriteAllText(latest, runId + Environment.NewLine); }
    }
}

/// <summary>results.json.</summary>
public sealed class JsonReport : IReportWriter
{
    public string FileName => "results.json";

    public string Write(ResultsDocument results, IReadOnlyList<ResultsDocument> history) => ResultsJson.Write(results);
}
