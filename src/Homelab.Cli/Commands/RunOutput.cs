using Homelab.Cli.Output;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Reports;
using Homelab.Conformance.Rules;

namespace Homelab.Cli.Commands;

/// <summary>What every audit command does with a finished run: the console summary, the reports, the stats line and the exit code.</summary>
internal static class RunOutput
{
    public static int Finish(RunReport run, RunOptions options, string? reportsRoot, bool strict)
    {
        var colour = Terminal.UseColour(Console.Out);
        if (run.Metadata.SpecNote is { } note) Console.WriteLine($"{note}{Environment.NewLine}");
        foreach (var (audit, i) in run.Audits.Select((a, i) => (a, i)))
        {
            if (i > 0) Console.WriteLine();
            ConsoleSummary.Write(Console.Out, audit, run.Metadata.SpecPath, colour);
        }
        if (run.Static is not null && run.Live is not null) ConsoleSummary.WriteDrift(Console.Out, run.Drift, run.Metadata.RepoPath!);
        WriteReports(run, reportsRoot);
        if (options.Stats is { } stats)
        {
            stats.Mark("output");
            Console.Error.WriteLine(stats.ToLine());
        }
        return Verdict(run, strict);
    }

    /// <summary>One line on stderr, exit code 2: the run could not be made.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCode.RunFailed;
    }

    /// <summary>Writes every report format when a reports folder is given, and says where.</summary>
    private static void WriteReports(RunReport run, string? reportsRoot)
    {
        if (reportsRoot is null) return;
        try
        {
            var folder = ReportFolder.Write(run, reportsRoot);
            Console.WriteLine($"Reports: {folder}/ ({string.Join(", ", ReportFolder.Writers.Select(w => w.FileName))})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"warning: the reports could not be written to {reportsRoot}: {e.Message}");
        }
    }

    /// <summary>The exit code of a finished run; under --strict an undecided audit is not conformant either, and says why.</summary>
    private static int Verdict(RunReport run, bool strict)
    {
        if (!run.Conformant) return ExitCode.NotConformant;
        if (!strict || run.FullyDecided) return ExitCode.Conformant;
        var inconclusive = run.Audits.Sum(a => a.Results.Count(r => r.Outcome is Outcome.Inconclusive));
        var warnings = run.Audits.Sum(a => a.Problems.Count);
        Console.WriteLine($"strict: {inconclusive} inconclusive rule results and {warnings} input warnings count as not conformant");
        return ExitCode.NotConformant;
    }
}
