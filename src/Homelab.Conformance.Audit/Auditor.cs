using System.Diagnostics;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
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
        var problems = facts.Problems.Concat(Waivers.Unknown(spec)).Concat(Waivers.Stale(spec, results, today)).ToList();
        return new AuditResult(facts.Source, facts.Origin, spec, results, problems) { Facts = facts };
    }

    public static RuleResult Evaluate(Rule rule, ArchitectureSpec spec, ClusterFacts facts)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var findings = Unreadable(rule, facts, rule.Check(spec, facts).ToList());
            return new RuleResult(rule, RuleResult.Combine(findings), findings, clock.Elapsed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One broken rule does not end the run: it is reported as an error and the rest go on.
            var finding = new Finding(Outcome.Error, $"the rule failed to run: {e.GetType().Name}: {e.Message}", new AbsenceEvidence("result", rule.Id));
            return new RuleResult(rule, Outcome.Error, [finding], clock.Elapsed);
        }
    }

    /// <summary>
    /// The one place that knows what the source could not read; the rules judge what they see.
    /// When a kind the rule reads could not be listed, "found none" proves nothing: such failures
    /// become inconclusive, and the rule says which kind could not be read and why. A finding about
    /// one missing object (<see cref="Finding.Missing"/>) of a kind that could not be read becomes
    /// inconclusive too, whether or not the rule reads the kind whole. A violation seen on an
    /// object that was read stands.
    /// </summary>
    private static List<Finding> Unreadable(Rule rule, ClusterFacts facts, List<Finding> findings)
    {
        var kinds = facts.UnreadableKinds;
        if (kinds.Count == 0) return findings;
        var unreadable = rule.Reads.Where(kinds.ContainsKey).ToList();
        return findings
            .Where(f => f.Evidence is not AbsenceEvidence absent || !unreadable.Contains(absent.LookedFor))
            .Select(f => f switch
            {
                { Missing: { } missing } when kinds.TryGetValue(missing.Kind, out var why) =>
                    Finding.Inconclusive(f.Evidence, $"{missing.What}: {missing.Kind} could not be read ({why})"),
                { Outcome: Outcome.Fail, Evidence: AbsenceEvidence } when unreadable.Count > 0 => f with { Outcome = Outcome.Inconclusive },
                _ => f,
            })
            // One finding per reason: kinds left unread for the same cause are named together.
            .Concat(unreadable.GroupBy(kind => kinds[kind], StringComparer.Ordinal).Select(same =>
                Finding.Inconclusive(new AbsenceEvidence(string.Join(", ", same), facts.Source), $"{string.Join(", ", same)} could not be read: {same.Key}")))
            .ToList();
    }
}
