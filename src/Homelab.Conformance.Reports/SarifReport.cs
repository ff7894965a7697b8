using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Homelab.Conformance.Reports;

/// <summary>
/// results.sarif (SARIF 2.1.0), for code-scanning views: one reporting descriptor per rule, one
/// result per finding that did not pass. A repo finding points at its file and line under the
/// <c>REPOROOT</c> base; a live one names its object as a logical location. Waived findings are
/// notes carrying a suppression with the waiver's reason and expiry; a part the spec turns off is a
/// result of kind <c>notApplicable</c> (level <c>none</c>, as SARIF requires of a kind other than <c>fail</c>).
/// </summary>
/// <remarks>
/// Written with System.Text.Json over the few SARIF objects used here: Microsoft's Sarif.Sdk does
/// not restore from the registry (its dependency Microsoft.Diagnostics.Tracing.EventRegister is
/// missing there) and would bring Newtonsoft.Json and TraceEvent into the library for one file.
/// </remarks>
public sealed partial class SarifReport : IReportWriter
{
    /// <summary>The uriBaseId every repo path is relative to; <c>originalUriBaseIds</c> says where it was.</summary>
    public const string RepoRoot = "REPOROOT";

    private const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    public string FileName => "results.sarif";

    public string Write(ResultsDocument results, IReadOnlyList<ResultsDocument> history)
    {
        var m = results.Metadata;
        var run = new Run(
            new Tool(new Driver("homelab-conformance", m.ToolVersion, results.Rules.Select(DescriptorOf).ToList())),
            [new Invocation(true, Utc(results.StartedAt), Utc(results.StartedAt.AddSeconds(results.DurationSeconds)))],
            new AutomationDetails($"homelab-conformance/{results.RunId}"),
            // REPOROOT is the Git work tree when the repo folder sits inside one, so code scanning finds the files from the checkout root.
            m.RepoPath is null ? null : new Dictionary<string, ArtifactLocation> { [RepoRoot] = new(DirectoryUri(GitRoot(m.RepoPath, m.RepoPathInGit)), null) },
            results.Rules.SelectMany((rule, index) => ResultsOf(rule, index, m.RepoPathInGit ?? "")).ToList(),
            Bag(("runId", results.RunId), ("conformant", results.Conformant), ("repoCommit", m.RepoCommit), ("cluster", m.Cluster), ("specPath", m.SpecPath),
                ("specSha256", m.SpecSha256), ("specBuiltIn", m.SpecBuiltIn ? true : null), ("specFromDocs", m.SpecFromDocs ? true : null), ("clusterServer", m.ClusterServer), ("clusterVersion", m.ClusterVersion), ("rulesNotRun", m.RulesNotRun?.ToArray())));
        return JsonSerializer.Serialize(new Log(SchemaUri, "2.1.0", [run]), SarifJson.Default.Log) + "\n";
    }

    private static Descriptor DescriptorOf(RuleEntry rule) => new(
        rule.Id, Name(rule.Title), new Message(rule.Title), new Message(rule.Claim), new Message(rule.Remediation),
        new Configuration("error"), Bag(("area", rule.Area), ("tags", new[] { rule.Area })));

    /// <summary>Every non-pass finding of the rule, on each side that judged it.</summary>
    private static IEnumerable<Result> ResultsOf(RuleEntry rule, int index, string prefix)
    {
        foreach (var side in ReportFormatting.Sides)
        {
            if (rule.Side(side) is not { Outcome: not "pass" } outcome) continue;
            foreach (var finding in outcome.NonPass())
            {
                // Waived by the rule's waiver, or by the waiver of the finding's object.
                var waiver = finding.Waiver ?? outcome.Waiver;
                var waived = waiver is { Expired: false } && (finding.Outcome == "waived" || outcome.Outcome == "waived");
                var notApplicable = finding.Outcome == "notApplicable";
                var level = notApplicable ? "none" : waived ? "note" : finding.Outcome is "fail" or "error" ? "error" : "warning";
                yield return new Result(
                    rule.Id, index, notApplicable ? "notApplicable" : null, level, new Message($"{side}: {finding.Text()}"),
                    LocationOf(finding.Evidence, prefix) is { } location ? [location] : null,
                    waived ? [new Suppression("external", "accepted", $"{waiver!.Reason} ({waiver.Describe()})",
                        Bag(("expires", waiver.Expires), ("object", waiver.Object)))] : null,
                    Bag(("side", side), ("ruleOutcome", outcome.Outcome), ("evidence", finding.Evidence.Location),
                        ("evidenceType", finding.Evidence.Type), ("yamlPath", finding.Evidence.YamlPath), ("via", finding.Evidence.Via),
                        ("expected", finding.Expected), ("found", finding.Found),
                        ("object", finding.Object), ("waiverExpires", waiver?.Expires), ("waiverExpired", waiver?.Expired)))
                {
                    RelatedLocations = rule.Docs?.Select((d, i) => LocationOf(d.At, prefix) is { } at ? at with { Id = i, Message = new Message($"docs: {d.Claim} = {d.Value}") } : null)
                        .OfType<Location>().ToList() is { Count: > 0 } related ? related : null,
                };
            }
        }
    }

    /// <summary>
    /// A file and line when the evidence has one (repo evidence, and a product default noted near
    /// a repo place); the object for live evidence; otherwise the evidence's own words.
    /// </summary>
    private static Location? LocationOf(EvidenceEntry evidence, string prefix)
    {
        if (evidence is { Type: "repo" or "default" or "chart-default", File: { } file, Line: { } line })
            return new Location(new PhysicalLocation(new ArtifactLocation(RelativeUri(prefix + file), RepoRoot),
                new Region(Math.Max(1, line), evidence.Column is >= 1 ? evidence.Column : null)), null);
        if (evidence is { Type: "live", Kind: { } kind, Name: { } name })
            return new Location(null, [new LogicalLocation(name, $"{kind}/{(evidence.Namespace is null ? "" : evidence.Namespace + "/")}{name}", "resource",
                Bag(("kind", kind), ("namespace", evidence.Namespace), ("field", evidence.Field)))]);
        return new Location(null, [new LogicalLocation(null, evidence.Location, evidence.Type, null)]);
    }

    /// <summary>A repo-relative path as a relative URI reference: forward slashes, each segment escaped.</summary>
    private static string RelativeUri(string file) =>
        string.Join('/', file.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static string GitRoot(string repoPath, string? prefix)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repoPath)).Replace('\\', '/');
        var inGit = (prefix ?? "").TrimEnd('/');
        return inGit.Length > 0 && full.EndsWith("/" + inGit, StringComparison.Ordinal) ? full[..^(inGit.Length + 1)] : full;
    }

    private static string DirectoryUri(string path) =>
        new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar).AbsoluteUri;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>SARIF's rule name is an identifier: the title in PascalCase.</summary>
    private static string Name(string title)
    {
        var name = new StringBuilder();
        var startOfWord = true;
        foreach (var c in title.Replace("'", "", StringComparison.Ordinal))
        {
            if (!char.IsLetterOrDigit(c)) { startOfWord = true; continue; }
            name.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }
        return name.ToString();
    }

    /// <summary>A property bag without the entries that have no value (null or empty text).</summary>
    private static Dictionary<string, object>? Bag(params (string Key, object? Value)[] entries)
    {
        var bag = entries.Where(e => e.Value is not (null or "")).ToDictionary(e => e.Key, e => e.Value!);
        return bag.Count == 0 ? null : bag;
    }

    /// <summary>Serialization generated at build time; the property bags hold text, flags and lists of text.</summary>
    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(Log))]
    [JsonSerializable(typeof(string))]
    [JsonSerializable(typeof(bool))]
    [JsonSerializable(typeof(string[]))]
    private sealed partial class SarifJson : JsonSerializerContext;

    // The SARIF objects this report uses, named as in the spec (camelCase through the options).
    private sealed record Log([property: JsonPropertyName("$schema")] string Schema, string Version, IReadOnlyList<Run> Runs);

    private sealed record Run(Tool Tool, IReadOnlyList<Invocation> Invocations, AutomationDetails AutomationDetails,
        Dictionary<string, ArtifactLocation>? OriginalUriBaseIds, IReadOnlyList<Result> Results, Dictionary<string, object>? Properties);

    private sealed record Tool(Driver Driver);

    private sealed record Driver(string Name, string Version, IReadOnlyList<Descriptor> Rules);

    private sealed record Invocation(bool ExecutionSuccessful, string StartTimeUtc, string EndTimeUtc);

    private sealed record AutomationDetails(string Id);

    private sealed record Descriptor(string Id, string Name, Message ShortDescription, Message FullDescription, Message Help,
        Configuration DefaultConfiguration, Dictionary<string, object>? Properties);

    private sealed record Configuration(string Level);

    private sealed record Message(string Text);

    /// <summary>A result; <see cref="Kind"/> is left out for the default, <c>fail</c>.</summary>
    private sealed record Result(string RuleId, int RuleIndex, string? Kind, string Level, Message Message, IReadOnlyList<Location>? Locations,
        IReadOnlyList<Suppression>? Suppressions, Dictionary<string, object>? Properties)
    {
        /// <summary>The docs lines that state what the rule checks, so a viewer shows the page beside the finding.</summary>
        public IReadOnlyList<Location>? RelatedLocations { get; init; }
    }

    private sealed record Location(PhysicalLocation? PhysicalLocation, IReadOnlyList<LogicalLocation>? LogicalLocations)
    {
        public int? Id { get; init; }
        public Message? Message { get; init; }
    }

    private sealed record PhysicalLocation(ArtifactLocation ArtifactLocation, Region Region);

    private sealed record ArtifactLocation(string Uri, string? UriBaseId);

    private sealed record Region(int StartLine, int? StartColumn);

    private sealed record LogicalLocation(string? Name, string FullyQualifiedName, string Kind, Dictionary<string, object>? Properties);

    private sealed record Suppression(string Kind, string Status, string Justification, Dictionary<string, object>? Properties);
}
