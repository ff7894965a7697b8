using Homelab.Conformance.Sources;

namespace Homelab.Conformance.Audit;

/// <summary>
/// What one run audits and how: the spec, the repo (static, and the declared side of drift), and
/// how waivers are judged. The CLI, both test suites and the violation theory fill this one record.
/// </summary>
public sealed record RunOptions
{
    /// <summary>The architecture spec; null means <c>architecture.yaml</c> in the repo (or the current folder), else the built-in one.</summary>
    public string? SpecPath { get; init; }

    /// <summary>The GitOps repository: what a static run reads, and what a live run compares with (drift).</summary>
    public string? RepoPath { get; init; }

    /// <summary>The folder Flux applies first, when the repo has no flux-system sync or FluxInstance.</summary>
    public string? Entry { get; init; }

    /// <summary>Which cluster of a repo that holds several: its entry folder, or one segment of it (<c>main</c>).</summary>
    public string? Cluster { get; init; }

    /// <summary>Chart name to that chart's own values.yaml, replacing the embedded defaults.</summary>
    public IReadOnlyDictionary<string, string> ChartValues { get; init; } = new Dictionary<string, string>();

    /// <summary>How chart defaults are fetched (cache, timeout, offline); null: from the environment (<c>HOMELAB_OFFLINE</c>).</summary>
    public Sources.Git.Helm.Remote.FetchOptions? ChartFetch { get; init; }

    /// <summary>The architecture page (or a folder of pages), relative to the repo, that is the spec when no spec file is found; null: <c>docs/**/architecture.md</c>.</summary>
    public string? DocsPath { get; init; }

    /// <summary>The day waivers are judged against; null means today (local time).</summary>
    public DateOnly? Today { get; init; }

    /// <summary>The rules to judge (<c>--only</c>, <c>--skip</c>); null: every rule.</summary>
    public RuleSelection? Selection { get; init; }

    /// <summary>Told each step that may take a while as it starts (reading the repo, fetching a chart, listing kinds), for the console's progress.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>When set, phase timings and counts are recorded here.</summary>
    public ReadStats? Stats { get; init; }

    /// <summary>
    /// Called once, when the repo is rendered and what is left of a static run (facts, Helm values,
    /// Talos, the rules) works on one core: for work of the caller's to run beside it.
    /// </summary>
    public Action? Rendered { get; init; }

    /// <summary>
    /// The spec file a run of the cluster at <paramref name="entryPath"/> loads: the one given, else
    /// <c>architecture.yaml</c> in the cluster's entry folder, else at the repo's root (or the current
    /// folder), else null: the built-in reference architecture.
    /// </summary>
    public string? SpecFileFor(string? entryPath)
    {
        if (SpecPath is not null) return SpecPath;
        var root = RepoPath ?? ".";
        string[] candidates = entryPath is { Length: > 0 } entry ? [Path.Combine(root, entry, "architecture.yaml"), Path.Combine(root, "architecture.yaml")] : [Path.Combine(root, "architecture.yaml")];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>The architecture page(s) that are the spec when <see cref="SpecFileFor"/> finds no file: <see cref="DocsPath"/>, else the first <c>docs/**/architecture.md</c>.</summary>
    public IReadOnlyList<string> DocsPages()
    {
        var root = RepoPath ?? ".";
        if (DocsPath is { } given) return Sources.Git.Docs.DocsReader.Pages(root, given);
        var page = Sources.Git.Docs.DocsReader.ArchitecturePages(root).FirstOrDefault(p => Path.GetFileName(p) == "architecture.md");
        return page is null ? [] : [page];
    }
}
