using System.Diagnostics;

namespace Homelab.Conformance.Live.Tests.Harness;

/// <summary>The audit command line run as a user runs it: a process, its exit code and everything it printed.</summary>
public sealed record AuditProcess(int ExitCode, string Output, string Errors)
{
    public static async Task<AuditProcess> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "homelab-audit.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new AuditProcess(process.ExitCode, await output, await errors);
    }
}
