using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Audit;

/// <summary>The spec's waivers, applied the same way to repo and live results.</summary>
public static class Waivers
{
    public static RuleResult Apply(RuleResult result, ArchitectureSpec spec, DateOnly today)
    {
        var waiver = spec.Waivers.FirstOrDefault(w => w.Rule == result.Rule.Id);
        if (waiver is null || result.Outcome is not Outcome.Fail) return result with { Waiver = waiver };
        if (!waiver.IsExpired(today)) return result with { Outcome = Outcome.Waived, Waiver = waiver };
        var expired = Finding.Fail(waiver.Origin, $"the waiver for {waiver.Rule} expired on {waiver.Expires:yyyy-MM-dd} ({waiver.Reason})");
        return result with { Findings = [.. result.Findings, expired], Waiver = waiver };
    }

    /// <summary>
    /// An expired waiver whose rule passes, or does not apply, waives nothing: a warning to remove
    /// it, in every report.
    /// </summary>
    public static IEnumerable<InputProblem> Stale(ArchitectureSpec spec, IReadOnlyList<RuleResult> results, DateOnly today) =>
        from w in spec.Waivers.Where(w => w.IsExpired(today))
        let outcome = results.FirstOrDefault(r => r.Rule.Id == w.Rule)?.Outcome
        where outcome is Outcome.Pass or Outcome.NotApplicable
        let advice = outcome == Outcome.Pass ? "the rule passes here: remove it once it passes everywhere" : "the spec turns the rule off: remove it"
        select new InputProblem(w.Origin, $"the waiver for {w.Rule} expired on {w.Expires:yyyy-MM-dd} and {advice}", Severity.Warning);

    /// <summary>A waiver naming no rule of the catalogue is a spec error, not a silent no-op.</summary>
    public static IEnumerable<InputProblem> Unknown(ArchitectureSpec spec) =>
        spec.Waivers.Where(w => RuleCatalogue.Find(w.Rule) is null)
            .Select(w => new InputProblem(w.Origin, $"waiver names rule '{w.Rule}', which does not exist"));
}
