using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Audit;

/// <summary>
/// The spec's waivers, applied the same way to repo and live results: one of a whole rule, or
/// (with <c>object:</c>) of the rule's findings on one object, so the rule still fails for the others.
/// </summary>
public static class Waivers
{
    public static RuleResult Apply(RuleResult result, ArchitectureSpec spec, DateOnly today)
    {
        var ofRule = spec.Waivers.Where(w => w.Rule == result.Rule.Id).ToList();
        if (ofRule.Any(w => w.Object is not null)) result = ApplyToObjects(result, ofRule.Where(w => w.Object is not null).ToList(), today);
        var waiver = ofRule.FirstOrDefault(w => w.Object is null);
        if (waiver is null || result.Outcome is not Outcome.Fail) return result with { Waiver = waiver };
        if (!waiver.IsExpired(today)) return result with { Outcome = Outcome.Waived, Waiver = waiver };
        return result with { Findings = [.. result.Findings, Expired(waiver)], Waiver = waiver };
    }

    /// <summary>
    /// Each failing finding on a waived object is waived (an expired waiver leaves it failing, naming
    /// the waiver). The rule is waived when nothing else fails or is left undecided.
    /// </summary>
    private static RuleResult ApplyToObjects(RuleResult result, IReadOnlyList<Waiver> waivers, DateOnly today)
    {
        var matched = new HashSet<Waiver>();
        var findings = result.Findings.Select(f =>
        {
            if (f.Outcome is not Outcome.Fail || waivers.FirstOrDefault(w => w.Object == f.Subject) is not { } waiver) return f;
            matched.Add(waiver);
            return waiver.IsExpired(today) ? f with { Waiver = waiver } : f with { Outcome = Outcome.Waived, Waiver = waiver };
        }).ToList();
        findings.AddRange(matched.Where(w => w.IsExpired(today)).Select(w => Expired(w).On(w.Object!)));
        if (findings.All(f => f.Outcome is not Outcome.Waived)) return result with { Findings = findings };
        var rest = findings.Where(f => f.Outcome is not Outcome.Waived).ToList();
        var others = rest.Count == 0 ? Outcome.Pass : RuleResult.Combine(rest);
        return result with { Outcome = others is Outcome.Pass or Outcome.NotApplicable ? Outcome.Waived : others, Findings = findings };
    }

    private static Finding Expired(Waiver waiver) =>
        Finding.Fail(waiver.Origin, $"the waiver for {waiver.Subject} expired on {waiver.Expires:yyyy-MM-dd} ({waiver.Reason})");

    /// <summary>
    /// Waivers that waive nothing here, each a warning in every report: an expired one whose rule
    /// (or object) passes or does not apply, and one naming an object the rule judges nothing about
    /// (a typo, or an object that is gone).
    /// </summary>
    public static IEnumerable<InputProblem> Stale(ArchitectureSpec spec, IReadOnlyList<RuleResult> results, DateOnly today)
    {
        foreach (var w in spec.Waivers)
        {
            if (results.FirstOrDefault(r => r.Rule.Id == w.Rule) is not { } result) continue;
            var on = w.Object is null ? [] : result.Findings.Where(f => f.Subject == w.Object).ToList();
            if (w.Object is not null && on.Count == 0)
                yield return Warning(w, $"the waiver for {w.Subject} matches no finding here: {w.Rule} judges no such object (check its kind, namespace and name)");
            else if (w.IsExpired(today) && (w.Object is null ? Passes(result.Outcome) : on.All(f => Passes(f.Outcome))))
                yield return Warning(w, $"the waiver for {w.Subject} expired on {w.Expires:yyyy-MM-dd} and "
                    + (result.Outcome == Outcome.NotApplicable ? "the spec turns the rule off: remove it" : $"the {(w.Object is null ? "rule" : "object")} passes here: remove it once it passes everywhere"));
        }
    }

    private static bool Passes(Outcome outcome) => outcome is Outcome.Pass or Outcome.NotApplicable;

    private static InputProblem Warning(Waiver waiver, string cause) => new(waiver.Origin, cause, Severity.Warning);

    /// <summary>A waiver naming no rule of the catalogue is a spec error, not a silent no-op.</summary>
    public static IEnumerable<InputProblem> Unknown(ArchitectureSpec spec) =>
        spec.Waivers.Where(w => RuleCatalogue.Find(w.Rule) is null)
            .Select(w => new InputProblem(w.Origin, $"waiver names rule '{w.Rule}', which does not exist"));
}
