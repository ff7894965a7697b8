using System.Diagnostics;

namespace Homelab.Conformance.Live.Tests.Cli;

/// <summary>
/// The audit as users install it: packed by tools/package/pack.sh into a folder feed, installed as
/// a .NET tool into an empty HOME, and run on the fixture; and as the single-file binaries of
/// tools/package/binaries.sh, the x64 one run with no dotnet on its PATH.
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
        var home = CleanHome();

        var pack = await Run(root, home, Path.Combine(root, "tools", "package", "pack.sh"), feed);
        pack.Code.Should().Be(0, pack.Output);
        var install = await Run(root, home, "dotnet", "tool", "install", "homelab-audit", "--tool-path", Path.Combine(home, "tools"), "--add-source", feed, "--version", "1.0.0");
        install.Code.Should().Be(0, install.Output);
        var audit = await Run(home, home, Path.Combine(home, "tools", "homelab-audit"), AuditOfTheFixture);

        audit.Code.Should().Be(0, audit.Output);
        audit.Output.Should().Contain("CONFORMANT: 21 rules: 21 passed");
    }

    [Fact]
    public async Task The_single_file_binaries_are_built_for_x64_and_arm64_and_the_x64_one_runs_with_no_dotnet_on_the_path()
    {
        var root = SourceRoot();
        var bin = Path.Combine(_work.FullName, "bin");
        var home = CleanHome();

        var build = await Run(root, home, Path.Combine(root, "tools", "package", "binaries.sh"), bin);
        build.Code.Should().Be(0, build.Output);
        Directory.GetFiles(Path.Combine(bin, "linux-amd64")).Select(Path.GetFileName).Should().Equal(["homelab-audit"], "one file, nothing beside it");
        ElfMachine(Path.Combine(bin, "linux-amd64", "homelab-audit")).Should().Be(0x3E, "x86-64");
        ElfMachine(Path.Combine(bin, "linux-arm64", "homelab-audit")).Should().Be(0xB7, "aarch64, the homelab's nodes");
        var empty = Directory.CreateDirectory(Path.Combine(_work.FullName, "empty-path")).FullName;
        var audit = await Run(home, home, Path.Combine(bin, "linux-amd64", "homelab-audit"), AuditOfTheFixture, path: empty);

        audit.Code.Should().Be(0, audit.Output);
        audit.Output.Should().Contain("CONFORMANT: 21 rules: 21 passed");
    }

    private static readonly string[] AuditOfTheFixture =
        ["static", "--repo", Path.Combine(AppContext.BaseDirectory, "fixtures", "homelab"), "--spec", Path.Combine(AppContext.BaseDirectory, "fixtures", "architecture.yaml")];

    /// <summary>An empty HOME of the test's own, as a new user's.</summary>
    private string CleanHome() => Directory.CreateDirectory(Path.Combine(_work.FullName, "home")).FullName;

    /// <summary>The machine an ELF executable is built for (e_machine: 0x3E x86-64, 0xB7 aarch64).</summary>
    private static int ElfMachine(string file)
    {
        var header = new byte[20];
        using (var stream = File.OpenRead(file)) stream.ReadExactly(header);
        header[..4].Should().Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], $"{file} is an ELF executable");
        return header[18] | (header[19] << 8);
    }

    private static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Homelab.Tests.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Homelab.Tests.sln not found above the tests");
    }

    /// <summary>A process with HOME (and the .NET CLI's home) set to the clean one, offline, and its output.</summary>
    private static Task<(int Code, string Output)> Run(string workingDirectory, string home, string file, params string[] args) =>
        Run(workingDirectory, home, file, args, path: null);

    /// <summary>The same, with <paramref name="path"/> as the whole PATH when given (no dotnet on it).</summary>
    private static async Task<(int Code, string Output)> Run(string workingDirectory, string home, string file, string[] args, string? path)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        if (path is not null)
        {
            start.Environment["PATH"] = path;
            start.Environment.Remove("DOTNET_ROOT");
        }
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        start.Environment["HOMELAB_OFFLINE"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(12));   // two self-contained publishes: about a minute alone, far more on a busy 2-core machine
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
