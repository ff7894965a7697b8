using System.Diagnostics;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Live;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Audit;

/// <summary>
/// The pipeline, in one place: spec, then sources, facts, rules and waivers, into one
/// <see cref="RunReport"/> that every report format and console summary is written from.
/// The CLI, the static and live test suites and the violation theory all run through here.
/// </summary>
public static class ConformanceRun
{
    /// <summary>Audits the repo of <paramref name="options"/>, offline. Throws <see cref="SpecException"/> for an unusable spec.</summary>
    public static RunReport Static(RunOptions options)
    {
        var (started, clock, spec, today) = Begin(options);
        var repo = RequireRepo(options);
        options.Stats?.Mark("start");
        var audit = Auditor.Run(spec, ReadRepo(options, repo), today);
        options.Stats?.Mark("rules");
        return new RunReport(RunReport.NewRunId(started), started, clock.Elapsed, RunMetadata.Of(options.SpecFile, repo))
        {
            Static = audit,
            Today = today,
        };
    }

    /// <summary>Audits a running cluster through <paramref name="api"/>, read-only.</summary>
    public static Task<RunReport> LiveAsync(RunOptions options, KubeApi api, CancellationToken cancel) =>
        Run(options with { RepoPath = null }, api, repo: null, cancel);

    /// <summary>Audits the cluster and the repo, and lists where the cluster drifted from what the repo declares.</summary>
    public static Task<RunReport> AllAsync(RunOptions options, KubeApi api, CancellationToken cancel) =>
        Run(options, api, RequireRepo(options), cancel);

    private static async Task<RunReport> Run(RunOptions options, KubeApi api, string? repo, CancellationToken cancel)
    {
        var (started, clock, spec, today) = Begin(options);
        options.Stats?.Mark("start");
        var facts = await new LiveReader(api).ReadAsync(cancel).ConfigureAwait(false);
        var version = await api.ServerVersionAsync(cancel).ConfigureAwait(false);
        options.Stats?.Mark("read");
        var run = new RunReport(RunReport.NewRunId(started), started, TimeSpan.Zero, RunMetadata.Of(options.SpecFile, repo) with
        {
            ClusterServer = facts.Source,
            ClusterVersion = version,
        })
        {
            Live = Auditor.Run(spec, facts, today),
            Today = today,
        };
        if (repo is not null)
        {
            var declared = ReadRepo(options, repo);
            run = run with { Static = Auditor.Run(spec, declared, today), Drift = Drift.Between(declared, facts) };
        }
        options.Stats?.Mark("rules");
        if (options.Stats is { } stats)
        {
            stats.Requests = api.Requests;
            stats.Objects = facts.ObjectCount;
        }
        return run with { Duration = clock.Elapsed };
    }

    private static (DateTimeOffset Started, Stopwatch Clock, ArchitectureSpec Spec, DateOnly Today) Begin(RunOptions options)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var spec = options.SpecFile is { } file ? SpecLoader.Load(file) : ReferenceSpec.Value;
        return (started, clock, spec, options.Today ?? DateOnly.FromDateTime(started.LocalDateTime));
    }

    private static ClusterFacts ReadRepo(RunOptions options, string repo) =>
        RepoReader.Read(new RepoOptions(repo) { Entry = options.Entry, ChartValues = options.ChartValues, Stats = options.Stats });

    private static string RequireRepo(RunOptions options) =>
        options.RepoPath ?? throw new ArgumentException("a static run needs a repository", nameof(options));
}
