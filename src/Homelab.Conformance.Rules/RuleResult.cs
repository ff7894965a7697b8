using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

/// <summary>A rule's verdict over one source: its outcome, the findings behind it, the waiver applied.</summary>
public sealed record RuleResult(Rule Rule, Outcome Outcome, IReadOnlyList<Finding> Findings, TimeSpan Elapsed, Waiver? Waiver = null)
{
    /// <summary>
    /// Any failure fails the rule; otherwise anything unknown keeps it inconclusive; a pass needs
    /// at least one passing observation, so an empty input is never green. A part the spec turns
    /// off takes nothing away from the rest: the rule is not applicable only when nothing else is said.
    /// </summary>
    public static Outcome Combine(IEnumerable<Finding> findings)
    {
        var outcomes = findings.Select(f => f.Outcome).ToList();
        if (outcomes.Contains(Outcome.Error)) return Outcome.Error;
        if (outcomes.Contains(Outcome.Fail)) return Outcome.Fail;
        if (outcomes.Contains(Outcome.Inconclusive)) return Outcome.Inconclusive;
        if (outcomes.Contains(Outcome.Pass)) return Outcome.Pass;
        return outcomes.Contains(Outcome.NotApplicable) ? Outcome.NotApplicable : Outcome.Inconclusive;
    }

    public IEnumerable<Finding> Failures => Findings.Where(f => f.Outcome is Outcome.Fail or Outcome.Error);
}
