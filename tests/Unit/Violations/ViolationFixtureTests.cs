using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;

namespace Homelab.Conformance.Tests.Violations;

/// <summary>
/// Every rule against the fixtures: the conforming repo passes it, and each violation fixture
/// makes exactly its rule report the violation, at the right file and line.
/// </summary>
public sealed class ViolationFixtureTests
{
    public static IEnumerable<TheoryDataRow<string>> Cases() =>
        ViolationCase.All().Select(c => new TheoryDataRow<string>(c.Name) { TestDisplayName = $"{c.Rule} violated: {c.Breaks}" });

    public static IEnumerable<TheoryDataRow<string>> RepoRules() =>
        RuleCatalogue.All.Where(r => r.Origins.Contains(FactOrigin.Repo)).Select(r => new TheoryDataRow<string>(r.Id));

    [Theory]
    [MemberData(nameof(RepoRules))]
    public void The_conforming_fixture_passes(string ruleId)
    {
        var result = FixtureAudit.Conforming[ruleId];
        result.Outcome.Should().Be(Outcome.Pass, string.Join(Environment.NewLine, result.Findings));
    }

    [Fact]
    public void The_conforming_fixture_reads_without_errors()
    {
        FixtureAudit.Conforming.Problems.Where(p => p.Severity == Severity.Error).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(RepoRules))]
    public void Every_rule_has_a_violation_fixture(string ruleId)
    {
        ViolationCase.All().Should().Contain(c => c.Rule == ruleId, $"{ruleId} needs a fixture under fixtures/violations that breaks it");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_violation_is_reported_with_its_evidence(string name)
    {
        var violation = ViolationCase.Load(Path.Combine(ViolationCase.Root, name));
        using var repo = violation.Materialise();
        var audit = FixtureAudit.Run(repo.Root, violation.Spec, violation.Today);
        var result = audit[violation.Rule];
        var report = string.Join(Environment.NewLine, result.Findings.Select(f => $"  {f.Outcome}: {f}"));

        result.Outcome.Should().Be(violation.Outcome, $"{violation.Rule} on {name}:{Environment.NewLine}{report}");
        foreach (var expected in violation.Findings)
            result.Findings.Should().Contain(f => Matches(f, expected),
                $"{violation.Rule} should report {expected} among:{Environment.NewLine}{report}");
        foreach (var other in audit.Results.Where(r => r.Rule.Id != violation.Rule && !violation.AlsoAffects.Contains(r.Rule.Id)))
            other.Outcome.Should().Be(FixtureAudit.Conforming[other.Rule.Id].Outcome,
                $"{name} should break only {violation.Rule}, but {other.Rule.Id} says:{Environment.NewLine}{string.Join(Environment.NewLine, other.Findings)}");
    }

    private static bool Matches(Finding finding, ExpectedFinding expected)
    {
        if (finding.Outcome is Outcome.Pass) return false;
        if (!finding.Message.Contains(expected.Message, StringComparison.Ordinal)) return false;
        if (expected.File is null) return true;
        return finding.Evidence.RepoPlace() is { } at && at.File == expected.File && (expected.Line is null || at.Line == expected.Line);
    }
}
