using Homelab.Conformance.Audit;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Spec;

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

    public static AuditResult Run(string repo, string spec, DateOnly? today = null) =>
        Auditor.Run(SpecLoader.Load(spec), RepoReader.Read(new RepoOptions(repo)), today ?? Today);

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
