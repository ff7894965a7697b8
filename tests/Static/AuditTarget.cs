using Homelab.Conformance.Audit;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Spec;

namespace Homelab.Static.Tests;

/// <summary>
/// What the static suite audits: HOMELAB_REPO and HOMELAB_SPEC (from the environment or a
/// runsettings file), else the fixture repo copied beside the tests. The audit runs once.
/// </summary>
public static class AuditTarget
{
    private static readonly Lazy<(string Repo, string Spec, AuditResult Result)> Audit = new(Run);

    public static string Repo => Audit.Value.Repo;
    public static string Spec => Audit.Value.Spec;
    public static AuditResult Result => Audit.Value.Result;

    private static (string, string, AuditResult) Run()
    {
        var embedded = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var repo = Environment.GetEnvironmentVariable("HOMELAB_REPO") is { Length: > 0 } r ? r : Path.Combine(embedded, "homelab");
        var spec = Environment.GetEnvironmentVariable("HOMELAB_SPEC") is { Length: > 0 } s ? s
            : Environment.GetEnvironmentVariable("HOMELAB_REPO") is { Length: > 0 } ? Path.Combine(repo, "architecture.yaml")
            : Path.Combine(embedded, "architecture.yaml");
        var entry = Environment.GetEnvironmentVariable("HOMELAB_ENTRY") is { Length: > 0 } e ? e : null;
        var facts = RepoReader.Read(new RepoOptions(repo) { Entry = entry });
        return (repo, spec, Auditor.Run(SpecLoader.Load(spec), facts, DateOnly.FromDateTime(DateTime.Now)));
    }
}
