using System.Diagnostics;

namespace Homelab.Conformance.Live.Tests.Cli;

/// <summary>
/// The audit as users install it: packed by tools/package/pack.sh into a folder feed, installed as
/// a .NET tool into an empty HOME, and run on the fixture with nothing of this checkout on its path.
/// </summary>
public sealed class PackagingTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("homelab-pack-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task The_dotnet_tool_installs_from_a_folder_feed_into_a_clean_home_and_audits_the_fixture()
    {
        var root = SourceRoot();
        var feed = Path.Combine(_work.FullName, "feed");
        var home = Path.Combine(_work.FullName, "home");
        Directory.CreateDirectory(home);

        var pack = await Run(root, home, Path.Combine(root, "tools", "package", "pack.sh"), feed);
        pack.Code.Should().Be(0, pack.Output);
        var install = await Run(root, home, "dotnet", "tool", "install", "homelab-audit", "--tool-path", Path.Combine(home, "tools"), "--add-source", feed, "--version", "1.0.0");
        install.Code.Should().Be(0, install.Output);
        var audit = await Run(home, home, Path.Combine(home, "tools", "homelab-audit"), "static",
            "--repo", Path.Combine(AppContext.BaseDirectory, "fixtures", "homelab"), "--spec", Path.Combine(AppContext.BaseDirectory, "fixtures", "architecture.yaml"));

        audit.Code.Should().Be(0, audit.Output);
        audit.Output.Should().Contain("CONFORMANT: 21 rules: 21 passed");
    }

    private static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Homelab.Tests.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Homelab.Tests.sln not found above the tests");
    }

    /// <summary>A process with HOME (and the .NET CLI's home) set to the clean one, offline, and its output.</summary>
    private static async Task<(int Code, string Output)> Run(string workingDirectory, string home, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        start.Environment["HOMELAB_OFFLINE"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
