using System.Text.Json;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;

namespace Homelab.Conformance.Reports;

/// <summary>
/// results.json: the run as plain data (schema: schemas/results.schema.json). Every other format
/// is written from it, and the HTML trend reads earlier runs' results.json back.
/// </summary>
public sealed record ResultsDocument(
    string SchemaVersion, string RunId, DateTimeOffset StartedAt, double DurationSeconds, bool Conformant,
    RunMetadata Metadata, Summary Summary, IReadOnlyList<RuleEntry> Rules, IReadOnlyList<ProblemEntry> Problems, IReadOnlyList<DriftEntry> Drift)
{
    public const string Version = "1";

    public static ResultsDocument From(RunReport run)
    {
        var audits = new[] { run.Static, run.Live }.OfType<AuditResult>().ToList();
        // Each claim as the spec the rule was judged against states it: the user's numbers, not the reference's.
        var rules = RuleCatalogue.All
            .Select(r => (Rule: r, Audit: audits.FirstOrDefault(a => a.Results.Any(x => x.Rule.Id == r.Id))))
            .Where(r => r.Audit is not null)
            .Select(r => new RuleEntry(r.Rule.Id, r.Rule.Title, r.Rule.Claim(r.Audit!.Spec), r.Rule.Area.ToString(), r.Rule.Remediation,
                Side(run.Static, r.Rule.Id, run.Today), Side(run.Live, r.Rule.Id, run.Today))
            {
                Docs = DocsOf(run.Static ?? run.Live, r.Rule),
            })
            .ToList();
        var problems = ProblemsOf(run.Static, "static").Concat(ProblemsOf(run.Live, "live")).ToList();
        var drift = run.Drift.Select(d => new DriftEntry(d.Subject, d.Declared, EvidenceEntry.From(d.DeclaredAt), d.Live, EvidenceEntry.From(d.LiveAt))).ToList();
        return new ResultsDocument(Version, run.RunId, run.StartedAt, run.Duration.TotalSeconds, run.Conformant, run.Metadata,
            Summary.Of(rules, problems, drift), rules, problems, drift);
    }

    private static RuleOutcome? Side(AuditResult? audit, string id, DateOnly today) =>
        audit?.Results.FirstOrDefault(r => r.Rule.Id == id) is not { } result ? null : new RuleOutcome(
            Summary.Name(result.Outcome),
            result.Findings.Select(f => new FindingEntry(Summary.Name(f.Outcome), f.Message, EvidenceEntry.From(f.Evidence), f.Expected, f.Found)
            {
                Object = f.Subject?.Path,
                Waiver = WaiverEntry.Of(f.Waiver, today),
            }).ToList(),
            WaiverEntry.Of(result.Waiver, today),
            result.Elapsed.TotalMilliseconds);

    /// <summary>What the owner's docs pages claim about the rule's subject, when the repo was read and has some.</summary>
    private static IReadOnlyList<DocsEntry>? DocsOf(AuditResult? audit, Rule rule)
    {
        var claims = audit?.Facts?.Docs.Claims.Where(c => rule.DocsKeys.Contains(c.Key)).ToList();
        return claims is { Count: > 0 } ? claims.Select(c => new DocsEntry(c.Key, c.Value, EvidenceEntry.From(c.At), c.Text.Length > 200 ? c.Text[..200] + "..." : c.Text)).ToList() : null;
    }

    private static IEnumerable<ProblemEntry> ProblemsOf(AuditResult? audit, string side) =>
        audit?.Problems.Select(p => new ProblemEntry(side, p.Severity.ToString().ToLowerInvariant(), p.Cause, EvidenceEntry.From(p.Where))) ?? [];
}

public sealed record Summary(IReadOnlyDictionary<string, int> Static, IReadOnlyDictionary<string, int> Live,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByArea, int InputErrors, int InputWarnings, int Drift)
{
    /// <summary>Every outcome's name in results.json, in the order reports list them.</summary>
    public static readonly string[] Outcomes = [.. Enum.GetValues<Outcome>().Select(Name)];

    /// <summary>An outcome as results.json names it: camelCase, like its keys (<c>notApplicable</c>).</summary>
    public static string Name(Outcome outcome) => JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString());

    public static Summary Of(IReadOnlyList<RuleEntry> rules, IReadOnlyList<ProblemEntry> problems, IReadOnlyList<DriftEntry> drift)
    {
        IReadOnlyDictionary<string, int> Count(IEnumerable<RuleOutcome?> sides) =>
            Outcomes.ToDictionary(o => o, o => sides.Count(s => s?.Outcome == o));
        return new Summary(Count(rules.Select(r => r.Static)), Count(rules.Select(r => r.Live)),
            rules.GroupBy(r => r.Area).ToDictionary(g => g.Key, g => Count(g.SelectMany(r => new[] { r.Static, r.Live }))),
            problems.Count(p => p.Severity == "error"), problems.Count(p => p.Severity == "warning"), drift.Count);
    }
}

public sealed record RuleEntry(string Id, string Title, string Claim, string Area, string Remediation, RuleOutcome? Static, RuleOutcome? Live)
{
    /// <summary>The docs lines that state what this rule checks: the third side beside the repo and the cluster.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DocsEntry>? Docs { get; init; }
}

/// <summary>One docs claim: what it is about, its value, where it is made and the words that make it.</summary>
public sealed record DocsEntry(string Claim, string Value, EvidenceEntry At, string Text);

public sealed record RuleOutcome(string Outcome, IReadOnlyList<FindingEntry> Findings, WaiverEntry? Waiver, double ElapsedMs);

public sealed record FindingEntry(string Outcome, string Message, EvidenceEntry Evidence, string? Expected, string? Found)
{
    /// <summary>The object the finding is on, as a waiver names it (<c>Kind/namespace/name</c>).</summary>
    public string? Object { get; init; }

    /// <summary>The waiver of this finding's object that matched it (the rule's own waiver is on <see cref="RuleOutcome"/>).</summary>
    public WaiverEntry? Waiver { get; init; }
}

public sealed record WaiverEntry(string Reason, string Expires, bool Expired, EvidenceEntry Where)
{
    /// <summary>The one object it waives (<c>Kind/namespace/name</c>); absent for a waiver of the whole rule.</summary>
    public string? Object { get; init; }

    public static WaiverEntry? Of(Spec.Waiver? waiver, DateOnly today) => waiver is null ? null
        : new(waiver.Reason, waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), waiver.IsExpired(today), EvidenceEntry.From(waiver.Origin))
        {
            Object = waiver.Object?.Path,
        };
}

public sealed record ProblemEntry(string Source, string Severity, string Cause, EvidenceEntry Where);

public sealed record DriftEntry(string Subject, string Declared, EvidenceEntry DeclaredAt, string Live, EvidenceEntry LiveAt);

/// <summary>Evidence as data: a repo place (file, line, column, YAML path), a live object, a chart default, a spec key, or an absence.</summary>
public sealed record EvidenceEntry(string Type, string Location)
{
    public string? File { get; init; }
    public int? Line { get; init; }
    public int? Column { get; init; }
    public string? YamlPath { get; init; }
    public string? Via { get; init; }
    public string? Kind { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public string? Field { get; init; }
    public string? Chart { get; init; }
    public string? ChartVersion { get; init; }

    public static EvidenceEntry From(Evidence evidence) => evidence switch
    {
        RepoEvidence r => new("repo", r.Location) { File = r.File, Line = r.Line, Column = r.Column, YamlPath = r.YamlPath, Via = r.Via },
        LiveEvidence l => new("live", l.Location) { Kind = l.Kind, Namespace = l.Namespace, Name = l.Name, Field = l.FieldPath },
        ChartDefaultEvidence { UsedBy: { } release } c => From(release) with
        {
            Type = "chart-default", Location = c.Location, Chart = c.Chart, ChartVersion = c.Version, YamlPath = c.YamlPath,
        },
        ChartDefaultEvidence c => new("chart-default", c.Location) { Chart = c.Chart, ChartVersion = c.Version, YamlPath = c.YamlPath },
        DefaultEvidence d => From(d.Near) with { Type = "default", Location = d.Location },
        SpecEvidence s => new("spec", s.Location) { File = s.File, Line = s.Line, Column = s.Column, YamlPath = s.Key },
        _ => new("absence", evidence.Location),
    };
}
