using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;

namespace Homelab.Conformance.Tests.Rules;

/// <summary>How a rule's findings make its outcome, in particular next to a part the spec turns off.</summary>
public sealed class CombineTests
{
    private static readonly Evidence At = new AbsenceEvidence("x", "test");

    private static Finding Of(Outcome outcome) => new(outcome, outcome.ToString(), At);

    [Theory]
    [InlineData(new[] { Outcome.NotApplicable }, Outcome.NotApplicable)]
    [InlineData(new[] { Outcome.NotApplicable, Outcome.NotApplicable }, Outcome.NotApplicable)]
    [InlineData(new[] { Outcome.NotApplicable, Outcome.Pass }, Outcome.Pass)]
    [InlineData(new[] { Outcome.Pass, Outcome.NotApplicable, Outcome.Inconclusive }, Outcome.Inconclusive)]
    [InlineData(new[] { Outcome.NotApplicable, Outcome.Fail }, Outcome.Fail)]
    [InlineData(new[] { Outcome.NotApplicable, Outcome.Error }, Outcome.Error)]
    [InlineData(new[] { Outcome.Pass }, Outcome.Pass)]
    [InlineData(new Outcome[0], Outcome.Inconclusive)]
    public void Findings_combine_into_the_rules_outcome(Outcome[] findings, Outcome expected)
    {
        RuleResult.Combine(findings.Select(Of)).Should().Be(expected);
    }
}
