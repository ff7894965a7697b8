using Homelab.Cli.Output;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Reports;
using Homelab.Conformance.Rules;

namespace Homelab.Cli.Commands;

/// <summary>
/// What every audit command does with a finished run: the console summary and its recap, the
/// reports, the stats line and the exit code. With <c>--format</c>, stdout holds that report and
/// nothing else, and the console summary goes to stderr.
/// </summary>
internal static class RunOutput
{
    public static int Finish(RunReport run, RunOptions options, ReportChoice reports, bool strict)
    {
        var console = reports.Format is null ? Console.Out : Console.Error;
        var colour = Terminal.UseColour(console);
        if (run.Metadata.SpecNote is { } note) console.WriteLine($"{note}{Environment.NewLine}");
        if (run.Metadata.RulesNotRun is { } notRun) console.WriteLine($"Not run (--only/--skip): {notRun.Count} rules, {string.Join(", ", notRun)}{Environment.NewLine}");
        foreach (var (audit, i) in run.Audits.Select((a, i) => (a, i)))
        {
            if (i > 0) console.WriteLine();
            ConsoleSummary.Write(console, audit, run.Metadata.SpecPath, run.Today, colour);
        }
        if (run.Static is not null && run.Live is not null) ConsoleSummary.WriteDrift(console, run.Drift, run.Metadata.RepoPath!);
        ConsoleSummary.WriteRecap(console, run, colour);
        WriteReports(run, reports, console);
        if (options.Stats is { } stats)
        {
            stats.Mark("output");
            Console.Error.WriteLine(stats.ToLine());
        }
        return Verdict(run, strict, console);
    }

    /// <summary>One line on stderr, exit code 2: the run could not be made.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCode.RunFailed;
    }

    /// <summary>Writes every report format when a reports folder is given, and says where; then the one <c>--format</c> asks for to stdout.</summary>
    private static void WriteReports(RunReport run, ReportChoice reports, TextWriter console)
    {
        if (reports.Root is { } root)
        {
            try
            {
                var folder = ReportFolder.Write(run, root);
                console.WriteLine($"Reports: {folder}/ ({string.Join(", ", ReportFolder.Writers.Select(w => w.FileName))})");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"warning: the reports could not be written to {root}: {e.Message}");
            }
        }
        if (reports.Writer is { } writer)
        {
            var results = ResultsDocument.From(run);
            Console.Out.Write(writer.Write(results, reports.Root is null ? [] : ReportFolder.History(reports.Root, results)));
            Console.Out.Flush();
        }
    }

    /// <summary>The exit code of a finished run; under --strict an undecided audit is not conformant either, and says why.</summary>
    private static int Verdict(RunReport run, bool strict, TextWriter console)
    {
        if (!run.Conformant) return ExitCode.NotConformant;
        if (!strict || run.FullyDecided) return ExitCode.Conformant;
        var inconclusive = run.Audits.Sum(a => a.Results.Count(r => r.Outcome is Outcome.Inconclusive));
        var warnings = run.Audits.Sum(a => a.Problems.Count);
        console.WriteLine($"strict: {inconclusive} inconclusive rule results and {warnings} input warnings count as not conformant");
        return ExitCode.NotConformant;
    }
}

/// <summary>Where the reports go: every format under a folder (<c>--reports</c>), and one to stdout (<c>--format</c>).</summary>
internal sealed record ReportChoice(string? Root, string? Format)
{
    /// <summary>The <c>--format</c> names and the report each writes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Formats = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["json"] = "results.json", ["sarif"] = "results.sarif", ["junit"] = "junit.xml", ["md"] = "report.md", ["html"] = "report.html",
    };

    public IReportWriter? Writer => Format is null ? null : ReportFolder.Writers.Single(w => w.FileName == Formats[Format]);
}
