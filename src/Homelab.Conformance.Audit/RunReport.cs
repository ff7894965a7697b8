using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Audit;

/// <summary>What a run was made on: the repo and its commit, the spec and its hash, the cluster and its version.</summary>
public sealed record RunMetadata(string SpecPath, string SpecSha256)
{
    /// <summary>No spec was given and the repo holds none: the run checked the built-in reference architecture.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool SpecBuiltIn { get; init; }

    /// <summary>No spec was given and the repo holds none, but an architecture page: its claims are the spec (<see cref="SpecPath"/> is the page).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool SpecFromDocs { get; init; }

    /// <summary>What the console and every report say first about where the spec came from, when it is not a file the user gave.</summary>
    [JsonIgnore]
    public string? SpecNote => SpecBuiltIn ? BuiltInSpecNote
        : SpecFromDocs ? $"No spec given and no architecture.yaml in the repo: the architecture page {SpecPath} is the spec (what it claims; what it does not state is "
            + $"{ReferenceSpec.Name}'s). Run `homelab-audit init --from-docs {SpecPath}` to write it as architecture.yaml."
        : null;

    /// <summary>What the console and every report say first when <see cref="SpecBuiltIn"/> is set.</summary>
    public const string BuiltInSpecNote = "No spec given and no architecture.yaml in the repo: checked against " + ReferenceSpec.Name
        + " (four arm64 Talos nodes, Cilium, Rook-Ceph, Flux, Alloy). Run `homelab-audit init` to write one to edit.";

    public string? RepoPath { get; init; }
    public string? RepoCommit { get; init; }

    /// <summary>The web address of the repo's <c>origin</c> remote (no credentials), when it has one: file links and the trend's key.</summary>
    public string? RepoRemote { get; init; }

    /// <summary>The rules <c>--only</c>/<c>--skip</c> left out of the run: judged nowhere, so no report shows them as passing.</summary>
    public IReadOnlyList<string>? RulesNotRun { get; init; }

    /// <summary>Which cluster of the repo was read: its Flux entry folder (a repo may hold several).</summary>
    public string? Cluster { get; init; }

    /// <summary>Where the audited folder sits in its Git work tree (e.g. <c>fixtures/homelab/</c>), so SARIF paths resolve from the checkout root.</summary>
    public string? RepoPathInGit { get; init; }
    public string? ClusterServer { get; init; }
    public string? ClusterVersion { get; init; }
    public string ToolVersion { get; init; } = typeof(RunMetadata).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>
    /// The spec's hash (of the built-in reference architecture when <paramref name="specPath"/> is null),
    /// and the repo's commit and place in its Git work tree when it is in one.
    /// </summary>
    public static RunMetadata Of(string? specPath, string? repoPath)
    {
        // One git process for both answers: the commit, then the repo folder's path inside the work tree ("" at its root).
        var answer = repoPath is null ? null : Git(repoPath, "rev-parse", "HEAD", "--show-prefix")?.Split('\n');
        // The remote names the repo wherever it is checked out (the trend's key) and gives its file links.
        var remote = answer is null ? null : GitRemote.WebUrl(Git(repoPath!, "config", "--get", "remote.origin.url"));
        var spec = specPath is null ? System.Text.Encoding.UTF8.GetBytes(ReferenceSpec.Text) : File.ReadAllBytes(specPath);
        return new(specPath ?? ReferenceSpec.Name, Convert.ToHexStringLower(SHA256.HashData(spec)))
        {
            SpecBuiltIn = specPath is null,
            RepoPath = repoPath,
            RepoCommit = answer?[0].Trim(),
            RepoPathInGit = answer is null ? null : answer.Length > 1 ? answer[1].Trim() : "",
            RepoRemote = remote,
        };
    }

    /// <summary>A git answer about the repo folder, or null when it is not in a Git work tree (or git is absent).</summary>
    private static string? Git(string repoPath, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", repoPath, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start);
            if (git is null) return null;
            var head = git.StandardOutput.ReadToEnd().TrimEnd();
            git.WaitForExit();
            return git.ExitCode == 0 && head.Length > 0 ? head : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }
}

/// <summary>
/// One run of the suite, static, live or both: every report format is written from this, so they
/// always agree.
/// </summary>
public sealed record RunReport(string RunId, DateTimeOffset StartedAt, TimeSpan Duration, RunMetadata Metadata)
{
    public AuditResult? Static { get; init; }
    public AuditResult? Live { get; init; }
    public IReadOnlyList<DriftItem> Drift { get; init; } = [];

    /// <summary>The day waivers were judged against.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.Now);

    /// <summary>Conformant when every audit that ran is, and nothing drifted.</summary>
    public bool Conformant => (Static?.Conformant ?? true) && (Live?.Conformant ?? true) && Drift.Count == 0;

    /// <summary>The audits that ran: the repo's first, then the cluster's.</summary>
    public IEnumerable<AuditResult> Audits => new[] { Static, Live }.OfType<AuditResult>();

    /// <summary>Nothing left undecided in any audit (what <c>--strict</c> asks for besides conformance).</summary>
    public bool FullyDecided => Audits.All(a => a.FullyDecided);

    /// <summary>A run id that sorts by time: <c>20261125T094500Z</c>.</summary>
    public static string NewRunId(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
