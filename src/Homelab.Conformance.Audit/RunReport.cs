
namespace Homelab.Conformance.Audit;

/// <summary>What a run was made on: the repo and its commit, the spec and its hash, the cluster and its version.</summary>
public sealed record RunMetadata(string SpecPath, string SpecSha256)
{
    public string? RepoPath { get; init; }
    public string? RepoCommit { get; init; }

    /// <summary>Where the audited folder sits in its Git work tree (e.g. <c>fixtures/homelab/</c>), so SARIF paths resolve from the checkout root.</summary>
    public string? RepoPathInGit { get; init; }
    public string? ClusterServer { get; init; }
    public string? ClusterVersion { get; init; }
    public string ToolVersion { get; init; } = typeof(RunMetadata).Assembly.GetName().Version?.ToString() ?? "0";
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

    /// <summary>A run id that sorts by time: <c>20261125T094500Z</c>.</summary>
    public static string NewRunId(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
