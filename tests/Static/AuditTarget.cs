using Homelab.Conformance.Audit;

namespace Homelab.Static.Tests;

/// <summary>
/// What the static suite audits: HOMELAB_REPO, HOMELAB_SPEC, HOMELAB_ENTRY and HOMELAB_CLUSTER (from the environment
/// or a runsettings file), else the fixture repo copied beside the tests. The audit runs once,
/// through the same entry point as the CLI.
/// </summary>
public static class AuditTarget
{
    private static readonly Lazy<RunReport> Audit = new(Run);

    public static string Repo => Audit.Value.Metadata.RepoPath!;
    public static string Spec => Audit.Value.Metadata.SpecPath;
    public static AuditResult Result => Audit.Value.Static!;

    private static RunReport Run()
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        var embedded = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var options = new RunOptions
        {
            RepoPath = Env("HOMELAB_REPO") ?? Path.Combine(embedded, "homelab"),
            // A repo of the user's own carries its spec (architecture.yaml, the default); the fixture's sits beside it.
            SpecPath = Env("HOMELAB_SPEC") ?? (Env("HOMELAB_REPO") is null ? Path.Combine(embedded, "architecture.yaml") : null),
            Entry = Env("HOMELAB_ENTRY"),
            Cluster = Env("HOMELAB_CLUSTER"),
        };
        return ConformanceRun.Static(options);
    }
}
