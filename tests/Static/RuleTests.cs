using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.TestCases;

namespace Homelab.Static.Tests;

/// <summary>
/// One test case per rule that reads a repo, named by its id and title (traits <c>rule</c>, <c>area</c>).
/// When the audit cannot be made (a bad spec), one test fails with why and the rule cases skip.
/// </summary>
public sealed class RuleTests
{
    public static IEnumerable<TheoryDataRow<string>> Rules() => RuleCases.Judging(FactOrigin.Repo);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_holds(string ruleId)
    {
        if (AuditTarget.Error is not null) Assert.Skip("not run: the audit could not be made (see The_audit_can_be_made)");
        var result = AuditTarget.Result[ruleId];
        var findings = RuleCases.Findings(result);
        TestContext.Current.SendDiagnosticMessage($"{ruleId}: {result.Outcome}{Environment.NewLine}{findings}");
        switch (result.Outcome)
        {
            case Outcome.Pass:
                break;
            case Outcome.Inconclusive:
                Assert.Skip($"{ruleId} had nothing to decide on in {AuditTarget.Repo}:{Environment.NewLine}{findings}");
                break;
            case Outcome.NotApplicable:
                Assert.Skip($"{ruleId} is not applicable: {AuditTarget.Spec} turns it off:{Environment.NewLine}{findings}");
                break;
            case Outcome.Waived:
                Assert.Skip($"{ruleId} fails but is waived:{Environment.NewLine}{findings}");
                break;
            default:
                RuleCases.Fail(result, AuditTarget.Result.Spec, AuditTarget.Repo);
                break;
        }
    }

    [Fact]
    public void The_audit_can_be_made()
    {
        if (AuditTarget.Error is { } error) Assert.Fail(error);
    }

    [Fact]
    public void Every_input_file_is_readable()
    {
        if (AuditTarget.Error is not null) Assert.Skip("not run: the audit could not be made (see The_audit_can_be_made)");
        var errors = AuditTarget.Result.Problems.Where(p => p.Severity == Severity.Error).Select(p => p.ToString()).ToList();
        if (errors.Count > 0) Assert.Fail($"every file of {AuditTarget.Repo} and {AuditTarget.Spec} must be readable:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }
}
