using System.CommandLine;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Sources;
using Homelab.Conformance.Sources.Git.Helm.Remote;

namespace Homelab.Cli.Commands;

/// <summary>
/// The options every audit command takes (static, live), read into the one <see cref="RunOptions"/>
/// the pipeline runs on, and the report options that say what to do with its results.
/// </summary>
internal sealed class AuditOptions
{
    private readonly Option<DirectoryInfo> _repo;
    private readonly Option<FileInfo> _spec = new("--spec") { Description = "The architecture spec (default: $HOMELAB_SPEC, else architecture.yaml in the cluster's entry folder, then at the repo root or the current folder; else the built-in reference architecture)." };
    private readonly Option<string> _entry = new("--entry") { Description = "The folder Flux applies first, relative to the repo, when it has no flux-system sync or FluxInstance." };
    private readonly Option<string> _cluster = new("--cluster") { Description = "Which cluster of a repo that holds several: its Flux entry folder, or one segment of it (e.g. main)." };
    private readonly Option<string[]> _chartValues = new("--chart-values")
    {
        Description = "CHART=FILE: read a chart's defaults from its own values.yaml instead of the embedded data (repeatable).",
        AllowMultipleArgumentsPerToken = true,
    };
    private readonly Option<string> _docs = new("--docs") { Description = "The architecture page (or folder of pages), relative to the repo, that is the spec when there is no spec file (default: docs/**/architecture.md)." };
    private readonly Option<bool> _offline = new("--offline") { Description = "Send no request for chart defaults: use only the chart cache and the embedded data (also HOMELAB_OFFLINE=1)." };
    private readonly Option<DirectoryInfo> _reports = new("--reports") { Description = "Write every report format under this folder (reports/<run-id>/, reports/latest)." };
    private readonly Option<bool> _stats = new("--stats") { Description = "Print phase timings, objects and API requests as a last line on stderr: HOMELAB_STATS {json}." };
    private readonly Option<bool> _strict = new("--strict") { Description = "Also exit 1 when a rule is inconclusive or an input gave a warning: nothing may go unchecked." };
    private readonly Option<string> _format = new Option<string>("--format") { Description = "Write this report to stdout and nothing else there (the console summary goes to stderr): json, sarif, junit, md or html." }
        .AcceptOnlyFromAmong([.. ReportChoice.Formats.Keys]);
    private readonly Option<string[]> _only = new("--only") { Description = "Judge only these rules (ids, e.g. HL-STO-001 HL-STO-002); the others are not run.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _skip = new("--skip") { Description = "Do not run these rules (ids); they appear in no report, as a pass or otherwise.", AllowMultipleArgumentsPerToken = true };

    public AuditOptions(string repoDescription) => _repo = new("--repo") { Description = repoDescription };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _repo, _spec, _docs, _entry, _cluster, _chartValues, _offline, _reports, _format, _only, _skip, _stats, _strict }) command.Options.Add(option);
    }

    public ReportChoice Reports(ParseResult parse) => new(parse.GetValue(_reports)?.ToString(), parse.GetValue(_format));

    public bool Strict(ParseResult parse) => parse.GetValue(_strict);

    /// <summary>The run's options, or the message of an option that cannot be used (exit 2).</summary>
    public (RunOptions? Options, string? Error) Read(ParseResult parse, string? defaultRepo)
    {
        var selection = new RuleSelection(parse.GetValue(_only) ?? [], parse.GetValue(_skip) ?? []);
        if (selection.Unknown is { Count: > 0 } unknown) return (null, $"no rule {string.Join(", ", unknown)} (`homelab-audit rules` lists them)");
        if (selection.Rules.Count == 0) return (null, "--only and --skip leave no rule to run");
        var repo = parse.GetValue(_repo)?.ToString() ?? defaultRepo;
        if (repo is not null && !Directory.Exists(repo)) return (null, $"the repository folder {repo} does not exist");
        var spec = parse.GetValue(_spec)?.ToString() ?? Environment.GetEnvironmentVariable("HOMELAB_SPEC");
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(_chartValues) ?? [])
        {
            var split = pair.Split('=', 2);
            if (split.Length != 2 || !File.Exists(split[1])) return (null, $"--chart-values {pair}: expected CHART=FILE with an existing file");
            if (FileKinds.NotAFile(split[1]) is { } what) return (null, $"--chart-values {pair}: {split[1]} is {what}, not a file");
            overrides[split[0]] = Path.GetFullPath(split[1]);
        }
        return (new RunOptions
        {
            RepoPath = repo,
            SpecPath = spec,
            Entry = parse.GetValue(_entry),
            DocsPath = parse.GetValue(_docs),
            Cluster = parse.GetValue(_cluster),
            ChartValues = overrides,
            ChartFetch = FetchOptions.FromEnvironment() is var fetch && parse.GetValue(_offline) ? fetch with { Offline = true } : fetch,
            Stats = parse.GetValue(_stats) ? new ReadStats() : null,
            Selection = selection.NotRun is null ? null : selection,
        }, null);
    }
}
