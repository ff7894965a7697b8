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
    /// <summary>
    /// Audits the repo of <paramref name="options"/>, offline. Throws <see cref="SpecException"/> for an
    /// unusable spec, <see cref="ClusterChoiceException"/> when the repo holds several clusters and none is chosen.
    /// </summary>
    public static RunReport Static(RunOptions options)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        var repo = RequireRepo(options);
        options.Stats?.Mark("start");
        // The repo first: which cluster it is decides which spec applies (<entry>/architecture.yaml).
        var read = ReadRepo(options, repo);
        var (specFile, spec, fromDocs) = LoadSpec(options, read.Entry?.Path, read.Facts.Docs);
        var today = Today(options, started);
        options.Progress?.Report("running the rules");
        var audit = Auditor.Run(spec, read.Facts, today, options.Selection?.Rules);
        options.Stats?.Mark("rules");
        return new RunReport(RunReport.NewRunId(started), started, clock.Elapsed, RunMetadata.Of(specFile, repo) with
        {
            Cluster = read.Entry?.Path,
            SpecFromDocs = fromDocs,
            RulesNotRun = options.Selection?.NotRun,
        })
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
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        options.Stats?.Mark("start");
        // The repo and the spec before any request: a run that cannot be made fails before it reaches the cluster.
        var read = repo is null ? null : ReadRepo(options, repo);
        var (specFile, spec, fromDocs) = LoadSpec(options, read?.Entry?.Path, read?.Facts.Docs);
        var today = Today(options, started);
        var facts = await new LiveReader(api) { Progress = options.Progress }.ReadAsync(cancel).ConfigureAwait(false);
        // The docs lines go beside the cluster's evidence too: the repo's pages, or those --docs names.
        if (read is not null)
        {
            facts.Docs.Pages.AddRange(read.Facts.Docs.Pages);
            facts.Docs.Claims.AddRange(read.Facts.Docs.Claims);
        }
        else if (options.DocsPath is { } page) Sources.Git.Docs.DocsReader.Read(".", Sources.Git.Docs.DocsReader.Pages(".", page), facts.Docs);
        var version = await api.ServerVersionAsync(cancel).ConfigureAwait(false);
        options.Stats?.Mark("read");
        options.Progress?.Report("running the rules");
        var run = new RunReport(RunReport.NewRunId(started), started, TimeSpan.Zero, RunMetadata.Of(specFile, repo) with
        {
            SpecFromDocs = fromDocs,
            ClusterServer = facts.Source,
            ClusterVersion = version,
            Cluster = read?.Entry?.Path,
            RulesNotRun = options.Selection?.NotRun,
        })
        {
            Live = Auditor.Run(spec, facts, today, options.Selection?.Rules),
            Today = today,
        };
        if (read is not null)
            run = run with { Static = Auditor.Run(spec, read.Facts, today, options.Selection?.Rules), Drift = Drift.Between(read.Facts, facts) };
        options.Stats?.Mark("rules");
        if (options.Stats is { } stats)
        {
            stats.Requests = api.Requests;
            stats.Objects = facts.ObjectCount;
        }
        return run with { Duration = clock.Elapsed };
    }

    /// <summary>
    /// The spec the run is judged on (its file, or null for the built-in one): see <see cref="RunOptions.SpecFileFor"/>.
    /// <paramref name="read"/> is what the repo reader made of the docs pages, reused when it read the spec's page.
    /// </summary>
    private static (string? File, ArchitectureSpec Spec, bool FromDocs) LoadSpec(RunOptions options, string? entryPath, DocsFacts? read)
    {
        if (options.SpecFileFor(entryPath) is { } file) return (file, SpecLoader.Load(file), false);
        // No spec file: the owner's architecture page, when the repo has one, is the spec.
        var root = options.RepoPath ?? ".";
        if (options.DocsPages() is { Count: > 0 } pages)
        {
            var written = DocsSpec.Write(read?.Only(pages) ?? Sources.Git.Docs.DocsReader.Read(root, pages));
            return (Path.Combine(root, pages[0]), SpecLoader.Parse(pages[0], written.Text), true);
        }
        return (null, ReferenceSpec.Value, false);
    }

    private static DateOnly Today(RunOptions options, DateTimeOffset started) => options.Today ?? DateOnly.FromDateTime(started.LocalDateTime);

    private static RepoRead ReadRepo(RunOptions options, string repo) => RepoReader.ReadCluster(new RepoOptions(repo)
    {
        Progress = options.Progress,
        Entry = options.Entry,
        Cluster = options.Cluster,
        ChartValues = options.ChartValues,
        ChartFetch = options.ChartFetch,
        DocsPath = options.DocsPath,
        Stats = options.Stats,
        Rendered = options.Rendered,
    });

    private static string RequireRepo(RunOptions options) =>
        options.RepoPath ?? throw new ArgumentException("a static run needs a repository", nameof(options));
}
