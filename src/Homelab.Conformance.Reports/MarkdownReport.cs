using System.Text;

namespace Homelab.Conformance.Reports;

/// <summary>
/// report.md: the run for a pull-request comment or <c>$GITHUB_STEP_SUMMARY</c>. A verdict, the
/// counts, one row per rule with its static and live outcome side by side, then what did not pass
/// with its evidence, what the spec turns off, the waivers, input problems, drift and what the run
/// was made on. Plain words rather than icons, so it reads the same as plain text.
/// </summary>
public sealed class MarkdownReport : IReportWriter
{
    /// <summary>Under GitHub's 65,536-character limit for a comment, with room for what a bot puts around it.</summary>
    public const int MaxChars = 64_000;

    /// <summary>How many findings a rule shows at most, then how many problems and drift items; tried in turn until the report fits.</summary>
    private static readonly (int Findings, int Items)[] Limits = [(20, 100), (10, 50), (5, 20), (2, 10), (1, 5), (0, 0)];

    public string FileName => "report.md";

    public string Write(ResultsDocument results, IReadOnlyList<ResultsDocument> history)
    {
        // The long lists give way first; the verdict, counts and rule table always stay whole.
        foreach (var (findings, items) in Limits)
        {
            var text = Render(results, findings, items);
            if (text.Length <= MaxChars) return text;
        }
        const string cut = "\n\n... (cut to fit a pull-request comment; results.json has everything)\n";
        return Render(results, 0, 0)[..(MaxChars - cut.Length)] + cut;
    }

    private static string Render(ResultsDocument results, int maxFindings, int maxItems)
    {
        var md = new StringBuilder();
        Verdict(md, results);
        Counts(md, results);
        Rules(md, results);
        Findings(md, results, maxFindings);
        NotApplicable(md, results);
        Waivers(md, results);
        Problems(md, results, maxItems);
        Drift(md, results, maxItems);
        Metadata(md, results);
        return md.ToString();
    }

    private static void Verdict(StringBuilder md, ResultsDocument results)
    {
        md.AppendLine($"## Homelab conformance: {(results.Conformant ? "CONFORMANT" : "NOT CONFORMANT")}").AppendLine();
        if (results.Metadata.SpecNote is { } note) md.AppendLine($"> {note}").AppendLine();
        var sides = ReportFormatting.Sides.Where(results.Ran).Select(side =>
        {
            var counts = side == "static" ? results.Summary.Static : results.Summary.Live;
            var parts = Summary.Outcomes.Where(o => counts.GetValueOrDefault(o) > 0).Select(o => $"{counts[o]} {ReportFormatting.Label(o)}");
            return $"{side}: {counts.Values.Sum()} rules ({string.Join(", ", parts)})";
        });
        md.AppendLine($"**{(results.Conformant ? "Conformant" : "Not conformant")}**. {string.Join("; ", sides)}; " +
            $"input: {results.Summary.InputErrors} errors, {results.Summary.InputWarnings} warnings; drift: {results.Summary.Drift}.").AppendLine();
    }

    private static void Counts(StringBuilder md, ResultsDocument results)
    {
        var ran = ReportFormatting.Sides.Select(results.Ran).ToArray();
        md.AppendLine("| outcome | static | live |").AppendLine("| --- | ---: | ---: |");
        foreach (var outcome in Summary.Outcomes)
            md.AppendLine($"| {ReportFormatting.Label(outcome)} | {(ran[0] ? results.Summary.Static[outcome] : "-")} | {(ran[1] ? results.Summary.Live[outcome] : "-")} |");
        md.AppendLine();

        md.AppendLine("| area (static and live) | " + string.Join(" | ", Summary.Outcomes.Select(ReportFormatting.Label)) + " |")
          .AppendLine("| --- |" + string.Concat(Summary.Outcomes.Select(_ => " ---: |")));
        foreach (var (area, counts) in results.Summary.ByArea.OrderBy(a => a.Key, StringComparer.Ordinal))
            md.AppendLine($"| {Cell(area)} | " + string.Join(" | ", Summary.Outcomes.Select(o => counts.GetValueOrDefault(o))) + " |");
        md.AppendLine();
    }

    private static void Rules(StringBuilder md, ResultsDocument results)
    {
        md.AppendLine("### Rules").AppendLine();
        // Three sides per requirement: what the docs say (their lines), the repo, the cluster.
        md.AppendLine("| rule | area | title | docs | static | live |").AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var rule in results.Rules)
            md.AppendLine($"| {rule.Id} | {Cell(rule.Area)} | {Cell(rule.Title)} | {Docs(rule)} | {Outcome(rule.Static)} | {Outcome(rule.Live)} |");
        md.AppendLine();
    }

    /// <summary>
    /// Each rule that did not pass, with its non-pass findings per side, its waiver and its
    /// remediation; a side the spec turns off has nothing to fix, and is listed apart.
    /// </summary>
    private static void Findings(StringBuilder md, ResultsDocument results, int maxFindings)
    {
        var notPassed = results.Rules.Where(r => ReportFormatting.Sides.Any(s => r.Side(s) is { Outcome: not ("pass" or "notApplicable") })).ToList();
        if (notPassed.Count == 0) return;
        md.AppendLine("### Not passed").AppendLine();
        foreach (var rule in notPassed)
        {
            md.AppendLine($"#### {rule.Id} {Text(rule.Title)}").AppendLine();
            foreach (var claim in rule.Docs ?? [])
                md.AppendLine($"- docs {Code(claim.At.Location)}: {Text($"{claim.Claim} = {claim.Value}")}");
            if (rule.Docs is { Count: > 0 }) md.AppendLine();
            foreach (var side in ReportFormatting.Sides)
            {
                if (rule.Side(side) is not { Outcome: not ("pass" or "notApplicable") } outcome) continue;
                md.AppendLine($"{side}: {Outcome(outcome)}").AppendLine();
                var findings = outcome.NonPass().ToList();
                foreach (var finding in findings.Take(maxFindings))
                    md.AppendLine($"- {ReportFormatting.Label(finding.Outcome)} {Code(finding.Evidence.Location)}: {Text(finding.Text())}");
                if (findings.Count > maxFindings) md.AppendLine($"- ... and {findings.Count - maxFindings} more");
                if (findings.Count > 0) md.AppendLine();
            }
            md.AppendLine($"Remediation: {Text(rule.Remediation)}").AppendLine();
        }
    }

    /// <summary>Each rule the spec turns off, with the sides and the spec's reason: one line each.</summary>
    private static void NotApplicable(StringBuilder md, ResultsDocument results)
    {
        var rules = results.Rules.Select(r => (Rule: r, Sides: ReportFormatting.Sides.Where(s => r.Side(s) is { Outcome: "notApplicable" }).ToList()))
            .Where(r => r.Sides.Count > 0).ToList();
        if (rules.Count == 0) return;
        md.AppendLine("### Not applicable").AppendLine();
        foreach (var (rule, sides) in rules)
        {
            var why = rule.Side(sides[0])!.NonPass().First();
            md.AppendLine($"- {rule.Id} {Text(rule.Title)} ({string.Join(", ", sides)}): {Text(why.Text())} ({Code(why.Evidence.Location)})");
        }
        md.AppendLine();
    }

    private static string Docs(RuleEntry rule) => rule.Docs is { Count: > 0 } docs
        ? string.Join(", ", docs.Select(d => d.At.Location).Distinct(StringComparer.Ordinal).Select(l => Code(l)))
        : "-";

    private static void Waivers(StringBuilder md, ResultsDocument results)
    {
        var waivers = results.Rules
            .SelectMany(r => ReportFormatting.Sides.Where(s => r.Side(s) is not null)
                .SelectMany(s => r.Side(s)!.Waivers().Select(w => (Rule: r.Id, Side: s, Outcome: r.Side(s)!, Waiver: w))))
            .GroupBy(w => (w.Rule, w.Waiver))
            .ToList();
        if (waivers.Count == 0) return;
        md.AppendLine("### Waivers").AppendLine();
        md.AppendLine("| rule | object | sides | expires | status | reason |").AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var group in waivers)
        {
            var (rule, waiver) = group.Key;
            var status = waiver.Status(group.Select(w => w.Outcome));
            md.AppendLine($"| {rule} | {(waiver.Object is { } o ? Code(o, inTable: true) : "(the rule)")} | {string.Join(", ", group.Select(w => w.Side))} | {waiver.Expires} | {(waiver.Expired ? $"**{status}**" : status)} | {Cell(waiver.Reason)} |");
        }
        md.AppendLine();
    }

    private static void Problems(StringBuilder md, ResultsDocument results, int maxItems)
    {
        if (results.Problems.Count == 0) return;
        md.AppendLine("### Input problems").AppendLine();
        foreach (var problem in results.Problems.OrderBy(p => p.Severity == "error" ? 0 : 1).Take(maxItems))
            md.AppendLine($"- {problem.Severity} ({problem.Source}) {Code(problem.Where.Location)}: {Text(problem.Cause)}");
        if (results.Problems.Count > maxItems) md.AppendLine($"- ... and {results.Problems.Count - maxItems} more");
        md.AppendLine();
    }

    private static void Drift(StringBuilder md, ResultsDocument results, int maxItems)
    {
        if (results.Drift.Count == 0) return;
        md.AppendLine("### Drift (repo vs cluster)").AppendLine();
        md.AppendLine("| subject | repo | declared at | cluster | seen at |").AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var d in results.Drift.Take(maxItems))
            md.AppendLine($"| {Cell(d.Subject)} | {Cell(d.Declared)} | {Code(d.DeclaredAt.Location, inTable: true)} | {Cell(d.Live)} | {Code(d.LiveAt.Location, inTable: true)} |");
        if (results.Drift.Count > maxItems) md.AppendLine($"| ... and {results.Drift.Count - maxItems} more | | | | |");
        md.AppendLine();
    }

    private static void Metadata(StringBuilder md, ResultsDocument results)
    {
        var m = results.Metadata;
        md.AppendLine("### Run").AppendLine();
        md.AppendLine("| | |").AppendLine("| --- | --- |");
        md.AppendLine($"| run | {results.RunId}, started {results.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, {ReportFormatting.Seconds(results.DurationSeconds)} s |");
        if (m.RepoPath is not null) md.AppendLine($"| repo | {Code(m.RepoPath, inTable: true)}{(m.Cluster is null ? "" : $", cluster {Code(m.Cluster, inTable: true)}")} |");
        md.AppendLine($"| commit | {Code(m.RepoCommit ?? "unknown", inTable: true)} |");
        md.AppendLine($"| spec | {Code(m.SpecPath, inTable: true)} sha256 {Code(m.SpecSha256, inTable: true)} |");
        if (m.ClusterServer is not null || m.ClusterVersion is not null)
            md.AppendLine($"| cluster | {Code(m.ClusterServer ?? "unknown", inTable: true)} version {Code(m.ClusterVersion ?? "unknown", inTable: true)} |");
        if (m.RulesNotRun is { } notRun) md.AppendLine($"| not run (--only/--skip) | {string.Join(", ", notRun)} |");
        md.AppendLine($"| tool | {Code(m.ToolVersion, inTable: true)} |");
    }

    /// <summary>A side's outcome for the table: failures stand out in bold, a waiver shows its expiry, "-" where the side did not judge the rule.</summary>
    private static string Outcome(RuleOutcome? outcome) => outcome switch
    {
        null => "-",
        { Outcome: "waived" } => $"waived until {outcome.Waivers().Min(w => w.Expires)}",
        { Outcome: "fail" } when outcome.Waivers().FirstOrDefault(w => w.Expired) is { } w => $"**FAIL** (waiver expired {w.Expires})",
        { Outcome: "fail" or "error" } => $"**{outcome.Outcome.ToUpperInvariant()}**",
        _ => ReportFormatting.Label(outcome.Outcome),
    };

    /// <summary>Text from the document on one line; an angle bracket is escaped so it cannot open HTML in GitHub's renderer.</summary>
    private static string Text(string text) =>
        text.ReplaceLineEndings(" ").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Cell(string text) => Text(text).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>A code span (a longer fence when the text holds a backtick); in a table a pipe is escaped, which GitHub honours even inside code.</summary>
    private static string Code(string text, bool inTable = false)
    {
        text = text.ReplaceLineEndings(" ");
        if (inTable) text = text.Replace("|", "\\|", StringComparison.Ordinal);
        return text.Contains('`', StringComparison.Ordinal) ? $"`` {text} ``" : $"`{text}`";
    }
}
