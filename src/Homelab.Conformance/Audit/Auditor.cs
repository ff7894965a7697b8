using System.Diagnostics;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Audit;

/// <summary>Runs every applicable rule over a set of facts and applies the spec's waivers.</summary>
public static class Auditor
{
    public static AuditResult Run(ArchitectureSpec spec, ClusterFacts facts, DateOnly today, IEnumerable<Rule>? rules = null)
    {
        var applicable = (rules ?? RuleCatalogue.All).Where(r => r.Origins.Contains(facts.Origin)).ToList();
        var results = applicable.Select(rule => Waivers.Apply(Evaluate(rule, spec, facts), spec, today)).ToList();
        var problems = facts.Problems.Concat(Waivers.Unknown(spec)).ToList();
        return new AuditResult(facts.Source, facts.Origin, results, problems);
    }

    public static RuleResult Evaluate(Rule rule, ArchitectureSpec spec, ClusterFacts facts)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var findings = rule.Check(spec, facts).ToList();
            return new RuleResult(rule, RuleResult.Combine(findings), findings, clock.Elapsed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One broken rule does not end the run: it is reported as an error and the rest go on.
            var finding = new Finding(Outcome.Error, $"the rule failed to run: {e.GetType().Name}: {e.Message}", new AbsenceEvidence("result", rule.Id));
            return new RuleResult(rule, Outcome.Error, [finding], clock.Elapsed);
        }
    }
}
