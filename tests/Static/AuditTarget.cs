using Homelab.Conformance.Audit;
using Homelab.Conformance.Spec;

namespace Homelab.Static.Tests;

/// <summary>
/// What the static suite audits: HOMELAB_REPO, HOMELAB_SPEC and HOMELAB_ENTRY (from the environment
/// or a runsettings file), else the fixture repo copied beside the tests. The audit runs once,
/// through the same entry point as the CLI.
/// </summary>
public static class AuditTarget
{
    private static readonly Lazy<(RunOptions Options, AuditResult Result)> Audit = new(Run);

    public static string Repo => Audit.Value.Options.RepoPath!;
    public static string Spec => Audit.Value.Options.SpecFile ?? ReferenceSpec.Name;
    public static AuditResult Result => Audit.Value.Result;

    private static (RunOptions, AuditResult) Run()
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        var embedded = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var options = new RunOptions
        {
            RepoPath = Env("HOMELAB_REPO") ?? Path.Combine(embedded, "homelab"),
            // A repo of the user's own carries its spec (architecture.yaml, the default); the fixture's sits beside it.
            SpecPath = Env("HOMELAB_SPEC") ?? (Env("HOMELAB_REPO") is null ? Path.Combine(embedded, "architecture.yaml") : null),
            Entry = Env("HOMELAB_ENTRY"),
        };
        return (options, ConformanceRun.Static(options).Static!);
    }
}
