using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Audit;

/// <summary>Every rule's verdict over one source against one spec, plus what could not be read.</summary>
public sealed record AuditResult(string Source, FactOrigin Origin, ArchitectureSpec Spec, IReadOnlyList<RuleResult> Results, IReadOnlyList<InputProblem> Problems)
{
    /// <summary>No input error, and no rule failed or could not run (a rule the spec turns off is no failure).</summary>
    public bool Conformant => Problems.All(p => p.Severity == Severity.Warning) && Results.All(r => r.Outcome is not (Outcome.Fail or Outcome.Error));

    /// <summary>
    /// Nothing left undecided: no rule inconclusive and no input warning (what <c>--strict</c> asks
    /// for). A rule the spec turns off is decided: by the spec.
    /// </summary>
    public bool FullyDecided => Problems.Count == 0 && Results.All(r => r.Outcome is not Outcome.Inconclusive);

    /// <summary>What the source showed, for a caller that looks past the verdicts (drift, the reader's own tests).</summary>
    public ClusterFacts? Facts { get; init; }

    public RuleResult this[string ruleId] => Results.Single(r => r.Rule.Id == ruleId);
}
