using System.CommandLine;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Rules;

namespace Homelab.Cli.Commands;

/// <summary>What the static and live commands share: report and stats options, and how a run-ending error is said.</summary>
internal static class SharedOptions
{
    public static Option<DirectoryInfo> Reports() =>
        new("--reports") { Description = "Write every report format under this folder (reports/<run-id>/, reports/latest)." };

    public static Option<bool> Stats() =>
        new("--stats") { Description = "Print phase timings, objects and API requests as a last line on stderr: HOMELAB_STATS {json}." };

    public static Option<bool> Strict() =>
        new("--strict") { Description = "Also exit 1 when a rule is inconclusive or an input gave a warning: nothing may go unchecked." };

    /// <summary>The exit code of a finished run; under --strict an undecided audit is not conformant either, and says why.</summary>
    public static int Verdict(bool conformant, bool strict, IEnumerable<AuditResult?> audits)
    {
        if (!conformant) return ExitCode.NotConformant;
        if (!strict) return ExitCode.Conformant;
        var undecided = audits.OfType<AuditResult>().Where(a => !a.FullyDecided).ToList();
        if (undecided.Count == 0) return ExitCode.Conformant;
        var inconclusive = undecided.Sum(a => a.Results.Count(r => r.Outcome is Outcome.Inconclusive));
        var warnings = undecided.Sum(a => a.Problems.Count);
        Console.WriteLine($"strict: {inconclusive} inconclusive rule results and {warnings} input warnings count as not conformant");
        return ExitCode.NotConformant;
    }

    /// <summary>One line on stderr, exit code 2: the run could not be made.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCode.RunFailed;
    }
}
