using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;

namespace Homelab.Cli.Output;

/// <summary>
/// The terminal summary: one line per rule (outcome, id, title, where it looked), the findings
/// behind anything that is not a pass, the input problems, then a tally.
/// </summary>
public static class ConsoleSummary
{
    public static void Write(TextWriter o, AuditResult result, string specPath, bool colour)
    {
        o.WriteLine($"Audit of {result.Source} against {specPath}");
        o.WriteLine();
        var idWidth = result.Results.Max(r => r.Rule.Id.Length);
        foreach (var rule in result.Results)
        {
            var label = Label(rule.Outcome);
            o.WriteLine($"  {Paint(label.PadRight(12), Colour(rule.Outcome), colour)} {rule.Rule.Id.PadRight(idWidth)}  {rule.Rule.Title}");
            var shown = rule.Outcome == Outcome.Pass ? rule.Findings.Take(1) : rule.Findings.Where(f => f.Outcome != Outcome.Pass);
            foreach (var finding in shown)
                o.WriteLine($"  {"",12} {"".PadRight(idWidth)}  {Paint(finding.ToString(), "2", colour && rule.Outcome == Outcome.Pass)}");
            if (rule.Outcome == Outcome.Pass && rule.Findings.Count > 1)
                o.WriteLine($"  {"",12} {"".PadRight(idWidth)}  {Paint($"(+{rule.Findings.Count - 1} more)", "2", colour)}");
            if (rule.Waiver is { } waiver && rule.Outcome == Outcome.Waived)
                o.WriteLine($"  {"",12} {"".PadRight(idWidth)}  waived until {waiver.Expires:yyyy-MM-dd}: {waiver.Reason}");
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
