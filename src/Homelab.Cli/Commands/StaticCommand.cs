using System.CommandLine;
using Homelab.Cli.Output;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Sources;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Spec;

namespace Homelab.Cli.Commands;

/// <summary><c>static</c>: audits a GitOps repo, offline, against the architecture spec.</summary>
public static class StaticCommand
{
    public static Command Create()
    {
        var repo = new Option<DirectoryInfo>("--repo") { Description = "The GitOps repository to read (default: $HOMELAB_REPO, else the current folder)." };
        var spec = new Option<FileInfo>("--spec") { Description = "The architecture spec (default: $HOMELAB_SPEC, else <repo>/architecture.yaml)." };
        var entry = new Option<string>("--entry") { Description = "The folder Flux applies first, relative to the repo, when it has no flux-system sync or FluxInstance." };
        var chartValues = new Option<string[]>("--chart-values")
        {
            Description = "CHART=FILE: read a chart's defaults from its own values.yaml instead of the embedded data (repeatable).",
            AllowMultipleArgumentsPerToken = true,
        };
        var reports = SharedOptions.Reports();
        var stats = SharedOptions.Stats();
        var strict = SharedOptions.Strict();
        var command = new Command("static", "Audit the GitOps repository against the architecture spec, offline.") { repo, spec, entry, chartValues, reports, stats, strict };
        command.SetAction(parse => Run(
            parse.GetValue(repo)?.ToString() ?? Environment.GetEnvironmentVariable("HOMELAB_REPO") ?? Environment.CurrentDirectory,
            parse.GetValue(spec)?.ToString() ?? Environment.GetEnvironmentVariable("HOMELAB_SPEC"),
            parse.GetValue(entry),
            parse.GetValue(chartValues) ?? [],
            parse.GetValue(reports)?.ToString(),
            parse.GetValue(stats) ? new ReadStats() : null,
            parse.GetValue(strict)));
        return command;
    }

    private static int Run(string repoPath, string? specPath, string? entry, string[] chartValues, string? reportsRoot, ReadStats? stats, bool strict)
    {
        if (!Directory.Exists(repoPath)) return SharedOptions.Fail($"the repository folder {repoPath} does not exist");
        specPath ??= Path.Combine(repoPath, "architecture.yaml");
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in chartValues)
        {
            var split = pair.Split('=', 2);
            if (split.Length != 2 || !File.Exists(split[1])) return SharedOptions.Fail($"--chart-values {pair}: expected CHART=FILE with an existing file");
            overrides[split[0]] = Path.GetFullPath(split[1]);
        }
        ArchitectureSpec spec;
        try { spec = SpecLoader.Load(specPath); }
        catch (SpecException e) { return SharedOptions.Fail(e.Message); }

        var started = DateTimeOffset.Now;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        stats?.Mark("start");
        var facts = RepoReader.Read(new RepoOptions(repoPath) { Entry = entry, ChartValues = overrides, Stats = stats });
        var today = DateOnly.FromDateTime(started.LocalDateTime);
        var result = Auditor.Run(spec, facts, today);
        stats?.Mark("rules");
        ConsoleSummary.Write(Console.Out, result, specPath, Terminal.UseColour(Console.Out));
        RunInfo.WriteReports(new RunReport(RunReport.NewRunId(started), started, clock.Elapsed, RunInfo.Metadata(specPath, repoPath))
        {
            Static = result,
            Today = today,
        }, reportsRoot);
        if (stats is not null)
        {
            stats.Mark("output");
            Console.Error.WriteLine(stats.ToLine());
        }
        return SharedOptions.Verdict(result.Conformant, strict, [result]);
    }

}
