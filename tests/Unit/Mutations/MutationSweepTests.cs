using Homelab.Conformance.Rules;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Mutations;

/// <summary>
/// The mutation sweep: each line of fixtures/mutations/breaking.yaml is a real misconfiguration
/// applied alone to a copy of the conforming fixture. Its rule must fail or be inconclusive, as the
/// line says (never pass), and every other rule must keep its conforming outcome. The lines of
/// harmless.yaml are changes the consuming software reads as the same architecture: nothing may change.
/// </summary>
public sealed class MutationSweepTests
{
    private static readonly Lazy<IReadOnlyList<Mutation>> Breaking = new(() => Mutation.Load("breaking.yaml"));
    private static readonly Lazy<IReadOnlyList<Mutation>> Harmless = new(() => Mutation.Load("harmless.yaml"));

    public static IEnumerable<TheoryDataRow<string>> BreakingIds() =>
        Breaking.Value.Select(m => new TheoryDataRow<string>(m.Id) { TestDisplayName = $"mutation {m.Id}: {m.Rule} {m.Expect}" });

    public static IEnumerable<TheoryDataRow<string>> HarmlessIds() =>
        Harmless.Value.Select(m => new TheoryDataRow<string>(m.Id) { TestDisplayName = $"harmless {m.Id}: every rule unchanged" });

    [Theory]
    [MemberData(nameof(BreakingIds))]
    public void A_breaking_mutation_is_never_a_pass(string id)
    {
        var mutation = Breaking.Value.Single(m => m.Id == id);
        using var repo = mutation.Apply();
        var audit = FixtureAudit.Run(repo.Root, FixtureAudit.Spec);
        var result = audit[mutation.Rule];
        var report = Describe(result);

        result.Outcome.Should().Be(mutation.Expect, $"{mutation.Id} ({mutation.Why}):{Environment.NewLine}{report}");
        if (mutation.Says is { } says)
            result.Findings.Should().Contain(f => f.Outcome == mutation.Expect && f.Message.Contains(says, StringComparison.Ordinal),
                $"{mutation.Id}: {mutation.Rule} should say \"{says}\" among:{Environment.NewLine}{report}");
        // "*": what the reader could not read makes other rules inconclusive, never failed.
        var anyMayBeUnknown = mutation.AlsoAffects.Contains("*");
        var changed = audit.Results.Where(r => r.Rule.Id != mutation.Rule && !mutation.AlsoAffects.Contains(r.Rule.Id))
            .Where(r => r.Outcome != FixtureAudit.Conforming[r.Rule.Id].Outcome && !(anyMayBeUnknown && r.Outcome == Outcome.Inconclusive)).ToList();
        changed.Select(r => $"{r.Rule.Id} {r.Outcome}").Should().BeEmpty(
            $"{mutation.Id} should change only {mutation.Rule} (and its 'also'), but {string.Join(", ", changed.Select(r => $"{r.Rule.Id} is {r.Outcome}"))}:{Environment.NewLine}{string.Join(Environment.NewLine, changed.Select(Describe))}");
    }

    [Theory]
    [MemberData(nameof(HarmlessIds))]
    public void A_harmless_change_changes_no_verdict(string id)
    {
        var mutation = Harmless.Value.Single(m => m.Id == id);
        using var repo = mutation.Apply();
        var audit = FixtureAudit.Run(repo.Root, FixtureAudit.Spec);

        foreach (var result in audit.Results)
            result.Outcome.Should().Be(FixtureAudit.Conforming[result.Rule.Id].Outcome,
                $"{mutation.Id} ({mutation.Why}) should change nothing, but {result.Rule.Id} says:{Environment.NewLine}{Describe(result)}");
        audit.Problems.Should().BeEmpty($"{mutation.Id} is input the consumers accept");
    }

    [Fact]
    public void The_sweep_covers_every_rule_and_class_and_never_expects_a_pass()
    {
        var breaking = Breaking.Value;
        breaking.Should().HaveCountGreaterThanOrEqualTo(60);
        breaking.Select(m => m.Id).Should().OnlyHaveUniqueItems();
        breaking.Should().NotContain(m => m.Expect == Outcome.Pass);
        var repoRules = RuleCatalogue.All.Where(r => r.Origins.Contains(Facts.FactOrigin.Repo)).Select(r => r.Id);
        breaking.Select(m => m.Rule).Distinct().Should().BeEquivalentTo(repoRules, "every repo rule has mutations that break it");
        breaking.Select(m => m.Class).Distinct().Should().Contain(
            ["later-source", "consumer-reading", "present-not-enabled", "cross-object", "unknown-default", "refused-build", "plain"]);
    }

    private static string Describe(RuleResult result) =>
        string.Join(Environment.NewLine, result.Findings.Select(f => $"  {f.Outcome}: {f}"));
}
