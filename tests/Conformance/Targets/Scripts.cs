using System.Diagnostics;

namespace Homelab.Conformance.Live.Tests.Targets;

/// <summary>The repository's own scripts (tools/...), run as the harness needs them: stdout back, stderr in the failure.</summary>
public static class Scripts
{
    /// <summary>Runs <c>tools/&lt;path&gt;</c> and returns its stdout; a non-zero exit throws with its stderr.</summary>
    public static async Task<string> RunAsync(string path, string[] args, CancellationToken cancel)
    {
        var script = Path.Combine(LiveCluster.RepoRoot(), "tools", path);
        var start = new ProcessStartInfo(script, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancel);
        var output = await process.StandardOutput.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await errors}");
        return output;
    }
}
