using Homelab.Conformance.Audit;

namespace Homelab.Conformance.Tests.Violations;

/// <summary>Audits of the fixtures copied beside the tests; the conforming repo is audited once.</summary>
public static class FixtureAudit
{
    /// <summary>A fixed day, so waiver expiry in the fixtures never depends on when the tests run.</summary>
    public static readonly DateOnly Today = new(2026, 6, 1);

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string Spec => Path.Combine(Fixtures, "architecture.yaml");

    private static readonly Lazy<AuditResult> ConformingAudit = new(() => Run(Path.Combine(Fixtures, "homelab"), Spec));

    public static AuditResult Conforming => ConformingAudit.Value;

    /// <summary>A static run of <paramref name="repo"/>, through the same entry point as the CLI.</summary>
    public static AuditResult Run(string repo, string spec, DateOnly? today = null) =>
        ConformanceRun.Static(new RunOptions { RepoPath = repo, SpecPath = spec, Today = today ?? Today }).Static!;

    /// <summary>Copies the conforming fixture repo into a temporary one, to lay a change over it.</summary>
    public static TempRepo CopyOfConforming()
    {
        var repo = new TempRepo();
        var from = Path.Combine(Fixtures, "homelab");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            repo.Write(Path.GetRelativePath(from, file), File.ReadAllText(file));
        return repo;
    }
}
