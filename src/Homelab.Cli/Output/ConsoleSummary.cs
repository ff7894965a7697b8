using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Cli.Output;

/// <summary>
/// The terminal summary: one line per rule (outcome, id, title, where it looked), the findings
/// behind anything that is not a pass, the input problems, then a tally.
/// </summary>
public static class ConsoleSummary
{
    public static void Write(TextWriter o, AuditResult result, string specPath, DateOnly today, bool colour)
    {
        o.WriteLine($"Audit of {result.Source} against {specPath}");
        o.WriteLine();
        if (result.Results.Count == 0)
        {
            o.WriteLine("  no rule judges this source among those selected");
            o.WriteLine();
            o.WriteLine(Tally(result));
            return;
        }
        var idWidth = result.Results.Max(r => r.Rule.Id.Length);
        foreach (var rule in result.Results)
        {
            var label = Label(rule.Outcome);
            o.WriteLine($"  {Paint(label.PadRight(12), Colour(rule.Outcome), colour)} {rule.Rule.Id.PadRight(idWidth)}  {rule.Rule.Title}");
            var shown = rule.Outcome == Outcome.Pass ? rule.Findings.Take(1) : rule.Findings.Where(f => f.Outcome != Outcome.Pass);
            foreach (var finding in shown)
            {
                o.WriteLine($"  {"",12} {"".PadRight(idWidth)}  {Paint(finding.ToString(), "2", colour && rule.Outcome == Outcome.Pass)}");
                if (finding.Waiver is { } on) o.WriteLine($"  {"",12} {"".PadRight(idWidth)}    {Describe(on, today)}");
            }
            if (rule.Outcome == Outcome.Pass && rule.Findings.Count > 1)
                o.WriteLine($"  {"",12} {"".PadRight(idWidth)}  {Paint($"(+{rule.Findings.Count - 1} more)", "2", colour)}");
            if (rule.Waiver is { } waiver && rule.Outcome == Outcome.Waived)
                o.WriteLine($"  {"",12} {"".PadRight(idWidth)}  {Describe(waiver, today)}");
        }
        if (result.Problems.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Input problems:");
            foreach (var problem in result.Problems.OrderBy(p => p.Severity))
            {
                var severity = problem.Severity == Severity.Error ? Paint("error  ", "31", colour) : Paint("warning", "33", colour);
                o.WriteLine($"  {severity} {problem}");
            }
        }
        o.WriteLine();
        o.WriteLine(Tally(result));
    }

    /// <summary>A waiver in a few words: what it waives, until when, why; an expired one says it no longer does.</summary>
    private static string Describe(Waiver waiver, DateOnly today)
    {
        var on = waiver.Object is null ? "" : $" for {waiver.Object.Path}";
        return waiver.IsExpired(today) ? $"waiver{on} expired {waiver.Expires:yyyy-MM-dd}: {waiver.Reason}" : $"waived{on} until {waiver.Expires:yyyy-MM-dd}: {waiver.Reason}";
    }

    /// <summary>
    /// The end of the console output: each rule that failed or could not run, on which side, its
    /// first findings and what to change; then what else makes the run not conformant.
    /// </summary>
    public static void WriteRecap(TextWriter o, RunReport run, bool colour)
    {
        var failed = run.Audits.SelectMany(a => a.Results.Where(r => r.Outcome is Outcome.Fail or Outcome.Error).Select(r => (Audit: a, Result: r))).ToList();
        var inputErrors = run.Audits.Sum(a => a.Problems.Count(p => p.Severity == Severity.Error));
        if (failed.Count == 0 && inputErrors == 0 && run.Drift.Count == 0) return;
        o.WriteLine();
        o.WriteLine(Paint($"To fix ({failed.Count} failed rule results{(inputErrors > 0 ? $", {inputErrors} input errors" : "")}{(run.Drift.Count > 0 ? $", {run.Drift.Count} drift" : "")}):", "1", colour));
        foreach (var (audit, result) in failed)
        {
            o.WriteLine($"  {Paint(Label(result.Outcome), Colour(result.Outcome), colour)} {result.Rule.Id} {result.Rule.Title} ({(audit.Origin == FactOrigin.Live ? "cluster" : "repo")})");
            var failures = result.Failures.ToList();
            foreach (var finding in failures.Take(RecapFindings)) o.WriteLine($"       {finding}");
            if (failures.Count > RecapFindings) o.WriteLine($"       (+{failures.Count - RecapFindings} more above)");
            o.WriteLine($"       {Paint("fix:", "36", colour)} {result.Rule.Remediation}");
        }
        if (inputErrors > 0) o.WriteLine($"  {inputErrors} input errors: see Input problems above; each names its file and line.");
        if (run.Drift.Count > 0) o.WriteLine($"  {run.Drift.Count} places where the cluster drifted from the repo: see Drift above.");
    }

    /// <summary>How many findings of a rule the recap repeats; the full list is above it.</summary>
    private const int RecapFindings = 3;

    /// <summary>Where the cluster differs from the repo, one line per difference.</summary>
    public static void WriteDrift(TextWriter o, IReadOnlyList<DriftItem> drift, string repo)
    {
        o.WriteLine();
        if (drift.Count == 0)
        {
            o.WriteLine($"No drift: the cluster shows what {repo} declares.");
            return;
        }
        o.WriteLine($"Drift from {repo} ({drift.Count}):");
        foreach (var item in drift)
        {
            o.WriteLine($"  {item.Subject}: repo {item.Declared}, cluster {item.Live}");
            o.WriteLine($"      repo:    {item.DeclaredAt.Location}");
            o.WriteLine($"      cluster: {item.LiveAt.Location}");
        }
    }

    public static string Tally(AuditResult result)
    {
        int Count(Outcome outcome) => result.Results.Count(r => r.Outcome == outcome);
        var errors = result.Problems.Count(p => p.Severity == Severity.Error);
        var warnings = result.Problems.Count - errors;
        var verdict = result.Conformant ? "CONFORMANT" : "NOT CONFORMANT";
        return $"{verdict}: {result.Results.Count} rules: {Count(Outcome.Pass)} passed, {Count(Outcome.Fail)} failed, "
            + $"{Count(Outcome.Inconclusive)} inconclusive, {Count(Outcome.NotApplicable)} not applicable, {Count(Outcome.Waived)} waived, {Count(Outcome.Error)} errors; "
            + $"input: {errors} errors, {warnings} warnings";
    }

    private static string Label(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "PASS",
        Outcome.Fail => "FAIL",
        Outcome.Inconclusive => "INCONCLUSIVE",
        Outcome.NotApplicable => "N/A",
        Outcome.Waived => "WAIVED",
        _ => "ERROR",
    };

    private static string Colour(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "32",
        Outcome.Fail or Outcome.Error => "31",
        Outcome.Inconclusive => "33",
        Outcome.NotApplicable => "2",
        _ => "36",
    };

    private static string Paint(string text, string code, bool colour) => colour ? $"\e[{code}m{text}\e[0m" : text;
}
