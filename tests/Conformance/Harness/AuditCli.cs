using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Homelab.Conformance.Live.Tests.Harness;

/// <summary>What one run of the CLI process did.</summary>
public sealed partial record CliRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}";

    /// <summary>A user error never prints a .NET stack trace, nor names an exception type.</summary>
    public void ShouldShowNoStackTrace()
    {
        var output = Stdout + Stderr;
        StackFrame().IsMatch(output).Should().BeFalse($"a user error never prints a .NET stack trace{Environment.NewLine}{this}");
        output.Should().NotContain("Exception", "the message names the problem, not an exception type");
    }

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}

/// <summary>
/// Runs the built CLI (<c>dotnet homelab-audit.dll</c>, referenced by this project) as a separate
/// process, as run-conformance.sh does, without HOMELAB_DEBUG, and kills it past a bound.
/// </summary>
public static class AuditCli
{
    /// <summary>
    /// The CLI in its own build output, not the copy beside the tests: this project runs on the
    /// ASP.NET Core shared framework (for the fault proxy), so packages the CLI needs are not copied here.
    /// </summary>
    public static string Dll
    {
        get
        {
            var tests = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var config = Path.GetFileName(Path.GetDirectoryName(tests)!);
            return Path.Combine(LiveCluster.RepoRoot(), "src", "Homelab.Cli", "bin", config, Path.GetFileName(tests), "homelab-audit.dll");
        }
    }

    public static string Spec => Path.Combine(AppContext.BaseDirectory, "fixtures", "architecture.yaml");

    public static async Task<CliRun> RunAsync(TimeSpan bound, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("HOMELAB_DEBUG");
        start.Environment.Remove("KUBECONFIG");
        start.Environment["NO_COLOR"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(bound);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"homelab-audit {string.Join(' ', args)} did not end within {bound.TotalSeconds:0} s:{Environment.NewLine}{await stderr}");
        }
        return new CliRun(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
