using Homelab.Conformance.Facts;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.TestCases;

/// <summary>
/// What both rule suites share (linked into tests/Static and tests/Conformance): one test case per
/// rule, named by its id and title, with traits <c>rule</c> and <c>area</c> for <c>--filter-trait</c>;
/// and a failure that reads as the finding, with no assertion library's words before it.
/// </summary>
public static class RuleCases
{
    public static IEnumerable<TheoryDataRow<string>> Judging(FactOrigin origin) =>
        RuleCatalogue.All.Where(r => r.Origins.Contains(origin)).Select(r =>
            new TheoryDataRow<string>(r.Id) { TestDisplayName = $"{r.Id} {r.Title}" }.WithTrait("rule", r.Id).WithTrait("area", r.Area.ToString()));

    /// <summary>Every finding of the result, one a line, each with its outcome.</summary>
    public static string Findings(RuleResult result) =>
        string.Join(Environment.NewLine, result.Findings.Select(f => $"  {f.Outcome.ToString().ToLowerInvariant()}: {f}"));

    /// <summary>Fails the test with the failing findings first, then the claim and the fix.</summary>
    public static void Fail(RuleResult result, ArchitectureSpec spec, string source)
    {
        var failures = result.Findings.Where(f => f.Outcome is not (Outcome.Pass or Outcome.NotApplicable or Outcome.Waived));
        Assert.Fail(string.Join(Environment.NewLine, failures.Select(f => $"{f.Outcome.ToString().ToUpperInvariant()} {f}"))
            + $"{Environment.NewLine}{result.Rule.Id} {result.Rule.Title} is {result.Outcome.ToString().ToLowerInvariant()} on {source}."
            + $"{Environment.NewLine}Claim: {result.Rule.Claim(spec)}{Environment.NewLine}Fix: {result.Rule.Remediation}");
    }
}
