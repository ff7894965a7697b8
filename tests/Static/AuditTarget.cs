using Homelab.Conformance.Audit;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Spec;

namespace Homelab.Static.Tests;

/// <summary>
/// What the static suite audits: HOMELAB_REPO, HOMELAB_SPEC, HOMELAB_ENTRY and HOMELAB_CLUSTER (from the environment
/// or a runsettings file), else the fixture repo copied beside the tests. The audit runs once,
/// through the same entry point as the CLI.
/// </summary>
public static class AuditTarget
{
    private static readonly Lazy<(RunReport? Run, string? Error)> Audit = new(Run);

    /// <summary>Why the audit could not be made (a spec that cannot be used, a cluster to choose): one test fails with it, the others skip.</summary>
    public static string? Error => Audit.Value.Error;

    public static string Repo => Audit.Value.Run!.Metadata.RepoPath!;
    public static string Spec => Audit.Value.Run!.Metadata.SpecPath;
    public static AuditResult Result => Audit.Value.Run!.Static!;

    private static (RunReport?, string?) Run()
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
        try { return (ConformanceRun.Static(options), null); }
        catch (Exception e) when (e is SpecException or ClusterChoiceException) { return (null, e.Message); }
    }
}
