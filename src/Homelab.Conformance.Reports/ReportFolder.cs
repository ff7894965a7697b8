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

    public static string Write(RunReport run, string reportsRoot)
    {
        var results = ResultsDocument.From(run);
        var history = History(reportsRoot, run.RunId);
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

    /// <summary>Earlier runs' results, oldest first; a folder whose results.json cannot be read is left out of the trend.</summary>
    public static IReadOnlyList<ResultsDocument> History(string reportsRoot, string excludeRunId)
    {
        if (!Directory.Exists(reportsRoot)) return [];
        var runs = new List<ResultsDocument>();
        // Run ids sort by time: only the newest run folders can be in the trend, so only they are read
        // (not reports/latest, a link to one of them, nor folders of other tools without results.json).
        var newest = Directory.GetDirectories(reportsRoot)
            .Where(d => Path.GetFileName(d) != excludeRunId && new DirectoryInfo(d).LinkTarget is null && File.Exists(Path.Combine(d, "results.json")))
            .Order(StringComparer.Ordinal).TakeLast(TrendRuns);
        foreach (var file in newest.Select(d => Path.Combine(d, "results.json")))
        {
            try
            {
                if (ResultsJson.Read(File.ReadAllText(file)) is { } earlier) runs.Add(earlier);
            }
            catch (System.Text.Json.JsonException) { }
        }
        return runs.OrderBy(r => r.StartedAt).TakeLast(TrendRuns).ToList();
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
