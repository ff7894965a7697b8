using System.Text.Json;
using System.Text.Json.Serialization;

namespace Homelab.Conformance.Reports;

/// <summary>results.json: camelCase, indented, nulls left out; read back for the trend.</summary>
public static class ResultsJson
{
    public static string Write(ResultsDocument document) => JsonSerializer.Serialize(document, ResultsJsonContext.Default.ResultsDocument);

    public static ResultsDocument? Read(string json) => JsonSerializer.Deserialize(json, ResultsJsonContext.Default.ResultsDocument);
}

/// <summary>Serialization code generated at build time: no reflection on a cold start, where each report is written once.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ResultsDocument))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
