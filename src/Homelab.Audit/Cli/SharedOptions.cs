using System.CommandLine;

namespace Homelab.Audit.Cli;

/// <summary>What the static and live commands share: report and stats options, and how a run-ending error is said.</summary>
internal static class SharedOptions
{
    public static Option<DirectoryInfo> Reports() =>
        new("--reports") { Description = "Write every report format under this folder (reports/<run-id>/, reports/latest)." };

    public static Option<bool> Stats() =>
        new("--stats") { Description = "Print phase timings, objects and API requests as a last line on stderr: HOMELAB_STATS {json}." };

    /// <summary>One line on stderr, exit code 2: the run could not be made.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCode.RunFailed;
    }
}
