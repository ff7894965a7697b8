using Homelab.Conformance.Documents;
using Homelab.Conformance.Rules;

namespace Homelab.Conformance.Tests.Violations;

/// <summary>
/// One folder of fixtures/violations: a copy of a base fixture with <c>overlay/</c> written over it
/// and <c>delete</c> files removed, and what the audit must then report (violation.yaml).
/// </summary>
public sealed record ViolationCase(string Name, string Folder, string Rule, string Breaks, string Base,
    IReadOnlyList<string> Delete, Outcome Outcome, IReadOnlyList<ExpectedFinding> Findings, IReadOnlyList<string> AlsoAffects, DateOnly? Today)
{
    public static string Root => Path.Combine(FixtureAudit.Fixtures, "violations");

    public static IEnumerable<ViolationCase> All() =>
        Directory.Exists(Root) ? Directory.GetDirectories(Root).Order(StringComparer.Ordinal).Select(Load) : [];

    public static ViolationCase Load(string folder)
    {
        var file = Path.Combine(folder, "violation.yaml");
        var (documents, problem) = YamlReader.ReadRepoFile(file, File.ReadAllText(file));
        if (problem is not null || documents.FirstOrDefault()?.Root is not MapNode root) throw new InvalidDataException($"{file}: {problem}");
        return new ViolationCase(
            Path.GetFileName(folder), folder,
            root.Text("rule") ?? throw new InvalidDataException($"{file}: no rule"),
            root.Text("breaks") ?? throw new InvalidDataException($"{file}: no 'breaks' saying what is broken"),
            root.Text("base") ?? "homelab",
            FixtureCopy.Strings(root.List("delete")),
            Enum.Parse<Outcome>(root.Text("expect.outcome") ?? "Fail"),
            (root.List("expect.findings")?.Items.OfType<MapNode>() ?? []).Select(f => new ExpectedFinding(
                f.Text("file"), f.Scalar("line")?.AsInt() is { } line ? (int)line : null, f.Text("message") ?? "")).ToList(),
            FixtureCopy.Strings(root.List("alsoAffects")),
            root.Text("today") is { } today ? DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Builds the broken repo in a temp folder.</summary>
    public TempRepo Materialise()
    {
        return FixtureCopy.Build(Path.Combine(FixtureAudit.Fixtures, Base), Delete, Path.Combine(Folder, "overlay"));
    }

    /// <summary>The case's own spec when it has one (spec.yaml), else the fixture spec.</summary>
    public string Spec => File.Exists(Path.Combine(Folder, "spec.yaml")) ? Path.Combine(Folder, "spec.yaml") : FixtureAudit.Spec;

    public override string ToString() => Name;
}

/// <summary>A finding the audit must report: its file and line in the repo, and words of its message.</summary>
public sealed record ExpectedFinding(string? File, int? Line, string Message);
