using System.CommandLine;
using Homelab.Cli.Commands;

var root = new RootCommand("Checks a homelab cluster against its documented architecture, in the GitOps repo (static) and in the running cluster (live).")
{
    StaticCommand.Create(),
    LiveCommand.Create(),
    RulesCommand.Create(),
    InitCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("Run with --help for usage.");
    return ExitCode.RunFailed;
}
try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (Environment.GetEnvironmentVariable("HOMELAB_DEBUG") is null)
{
    // A user sees what went wrong, not a stack trace; HOMELAB_DEBUG=1 shows it for a bug report.
    Console.Error.WriteLine($"error: the audit stopped: {e.GetType().Name}: {e.Message} (set HOMELAB_DEBUG=1 for details)");
    return ExitCode.RunFailed;
}
