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
        foreach (var writer in Writers)
            File.WriteAllText(Path.Combine(folder, writer.FileName), writer.Write(results, history));
        PointLatest(reportsRoot, run.RunId);
        return folder;
    }

    /// <summary>Earlier runs' results, oldest first; a folder whose results.json cannot be read is left out of the trend.</summary>
    public static IReadOnlyList<ResultsDocument> History(string reportsRoot, string excludeRunId)
    {
        if (!Directory.Exists(reportsRoot)) return [];
        var runs = new List<ResultsDocument>();
        foreach (var dir in Directory.GetDirectories(reportsRoot).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(dir, "results.json");
            if (Path.GetFileName(dir) == excludeRunId || !File.Exists(file)) continue;
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
