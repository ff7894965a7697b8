using Homelab.Conformance.Rules;

namespace Homelab.Conformance.Audit;

/// <summary>
/// Which rules a run judges (<c>--only</c>, <c>--skip</c>): the others are not run at all, so no
/// report shows them, as a pass or otherwise; the reports name them as not run instead.
/// </summary>
public sealed record RuleSelection(IReadOnlyList<string> Only, IReadOnlyList<string> Skip)
{
    /// <summary>The ids given that name no rule of the catalogue: the run cannot be made with them.</summary>
    public IReadOnlyList<string> Unknown => Only.Concat(Skip).Where(id => RuleCatalogue.Find(id) is null).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The catalogue's rules this selection keeps, in catalogue order.</summary>
    public IReadOnlyList<Rule> Rules => RuleCatalogue.All.Where(r => (Only.Count == 0 || Only.Contains(r.Id)) && !Skip.Contains(r.Id)).ToList();

    /// <summary>The ids of the rules left out; null when every rule runs.</summary>
    public IReadOnlyList<string>? NotRun => RuleCatalogue.All.Count == Rules.Count ? null : RuleCatalogue.All.Except(Rules).Select(r => r.Id).ToList();
}
