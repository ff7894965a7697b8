using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Json.Schema;

namespace Homelab.Conformance.Tests.Reports;

/// <summary>The schemas the reports must satisfy, loaded once: junit.xsd, the SARIF 2.1.0 schema and results.schema.json.</summary>
public static class Schemas
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Reports", "Schemas");

    private static readonly Lazy<XmlSchemaSet> JUnit = new(() =>
    {
        var set = new XmlSchemaSet();
        using (var reader = XmlReader.Create(Path.Combine(Folder, "junit.xsd"))) set.Add(null, reader);
        set.Compile();
        return set;
    });

    /// <summary>
    /// The official schema is draft-04, which JsonSchema.Net 7 does not implement; read as draft 7
    /// it means the same (no exclusiveMinimum/Maximum, only local #/definitions refs). See the README.
    /// </summary>
    private static readonly Lazy<JsonSchema> Sarif = new(() =>
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "sarif-schema-2.1.0.json")))!.AsObject();
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(schema.ToJsonString());
    });

    private static readonly Lazy<JsonSchema> Results = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "results.schema.json"))));

    /// <summary>Every way the XML breaks junit.xsd; empty when it is valid.</summary>
    public static IReadOnlyList<string> JUnitErrors(string xml)
    {
        var errors = new List<string>();
        XDocument.Parse(xml, LoadOptions.SetLineInfo).Validate(JUnit.Value, (_, e) => errors.Add($"line {e.Exception?.LineNumber}: {e.Message}"));
        return errors;
    }

    public static IReadOnlyList<string> SarifErrors(string json) => Errors(Sarif.Value, json);

    public static IReadOnlyList<string> ResultsErrors(string json) => Errors(Results.Value, json);

    private static List<string> Errors(JsonSchema schema, string json)
    {
        // Formats (date-time, uri-reference, ...) are checked too, not just noted.
        var result = schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid) return [];
        return result.Details.Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid, with no detail").ToList();
    }
}
