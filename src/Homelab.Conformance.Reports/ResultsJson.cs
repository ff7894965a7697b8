using System.Text.Json;
using System.Text.Json.Serialization;

namespace Homelab.Conformance.Reports;

/// <summary>results.json: camelCase, indented, nulls left out; read back for the trend.</summary>
public static class ResultsJson
{
    public static string Write(ResultsDocument document) => JsonSerializer.Serialize(document, ResultsJsonContext.Default.ResultsDocument);

    public static ResultsDocument? Read(string json) => JsonSerializer.Deserialize(json, ResultsJsonContext.Default.ResultsDocument);

    /// <summary>
    /// An earlier run as the trend needs it: its id, time, verdict and outcome counts, without its
    /// rules, findings and problems (skipped by the reader, never built).
    /// </summary>
    public static ResultsDocument? ReadSummary(Stream json) =>
        JsonSerializer.Deserialize(json, ResultsJsonContext.Default.EarlierRun) is { } run
            ? new ResultsDocument(run.SchemaVersion, run.RunId, run.StartedAt, run.DurationSeconds, run.Conformant, run.Metadata, run.Summary, [], [], [])
            : null;
}

/// <summary>The head of an earlier results.json: what comes before its rules.</summary>
internal sealed record EarlierRun(string SchemaVersion, string RunId, DateTimeOffset StartedAt, double DurationSeconds, bool Conformant,
    Homelab.Conformance.Audit.RunMetadata Metadata, Summary Summary);

/// <summary>Serialization code generated at build time: no reflection on a cold start, where each report is written once.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ResultsDocument))]
[JsonSerializable(typeof(EarlierRun))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
