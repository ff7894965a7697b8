using System.Text.Json;
using System.Text.Json.Serialization;

namespace Homelab.Conformance.Reports;

/// <summary>results.json: camelCase, indented, nulls left out; read back for the trend.</summary>
public static class ResultsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(ResultsDocument document) => JsonSerializer.Serialize(document, Options);

    public static ResultsDocument? Read(string json) => JsonSerializer.Deserialize<ResultsDocument>(json, Options);
}
