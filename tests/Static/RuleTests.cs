using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;

namespace Homelab.Static.Tests;

/// <summary>One test case per rule that reads a repo, named by its id and title.</summary>
public sealed class RuleTests
{
    public static IEnumerable<TheoryDataRow<string>> Rules() =>
        RuleCatalogue.All.Where(r => r.Origins.Contains(FactOrigin.Repo))
            .Select(r => new TheoryDataRow<string>(r.Id) { TestDisplayName = $"{r.Id} {r.Title}" });

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_holds(string ruleId)
    {
        var result = AuditTarget.Result[ruleId];
        var findings = string.Join(Environment.NewLine, result.Findings.Select(f => $"  {f.Outcome.ToString().ToLowerInvariant()}: {f}"));
        TestContext.Current.SendDiagnosticMessage($"{ruleId}: {result.Outcome}{Environment.NewLine}{findings}");
        switch (result.Outcome)
        {
            case Outcome.Inconclusive:
                Assert.Skip($"{ruleId} had nothing to decide on in {AuditTarget.Repo}:{Environment.NewLine}{findings}");
                break;
            case Outcome.NotApplicable:
                Assert.Skip($"{ruleId} is not applicable: {AuditTarget.Spec} turns it off:{Environment.NewLine}{findings}");
                break;
            case Outcome.Waived:
                Assert.Skip($"{ruleId} fails but is waived until {result.Waiver!.Expires:yyyy-MM-dd}: {result.Waiver.Reason}{Environment.NewLine}{findings}");
                break;
            default:
                result.Outcome.Should().Be(Outcome.Pass,
                    $"{result.Rule.Claim(AuditTarget.Result.Spec)}{Environment.NewLine}{string.Join(Environment.NewLine, result.Failures.Select(f => $"  {f}"))}{Environment.NewLine}Fix: {result.Rule.Remediation}{Environment.NewLine}");
                break;
        }
    }

    [Fact]
    public void Every_input_file_is_readable()
    {
        var errors = AuditTarget.Result.Problems.Where(p => p.Severity == Severity.Error).Select(p => p.ToString()).ToList();
        errors.Should().BeEmpty($"every file of {AuditTarget.Repo} and {AuditTarget.Spec} must be readable");
    }
}
