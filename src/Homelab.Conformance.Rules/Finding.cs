using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

/// <summary>One observation of a rule, with the evidence it stands on.</summary>
public sealed record Finding(Outcome Outcome, string Message, Evidence Evidence, string? Expected = null, string? Found = null)
{
    /// <summary>Set when the finding holds because an object is missing from what the source read.</summary>
    public MissingObject? Missing { get; init; }

    /// <summary>The object the finding judges, when the rule names it (a pool's CephBlockPool, a Flux object).</summary>
    public ObjectRef? Object { get; init; }

    /// <summary>The spec's waiver of this object's findings, when one matched it (<see cref="Outcome.Waived"/> unless expired).</summary>
    public Waiver? Waiver { get; init; }

    /// <summary>
    /// What an object waiver matches: the object the rule names, else the live object the evidence
    /// points at. A finding on neither is on no object, and only a waiver of the whole rule covers it.
    /// </summary>
    public ObjectRef? Subject => Object ?? (Evidence is LiveEvidence { Name.Length: > 0 } live ? new ObjectRef(live.Kind, live.Namespace, live.Name) : null);

    /// <summary>This finding, judged on <paramref name="subject"/>.</summary>
    public Finding On(ObjectRef subject) => this with { Object = subject };

    public static Finding Pass(Evidence at, string message) => new(Outcome.Pass, message, at);

    public static Finding Fail(Evidence at, string message, string? expected = null, string? found = null) =>
        new(Outcome.Fail, message, at, expected, found);

    public static Finding Inconclusive(Evidence at, string message) => new(Outcome.Inconclusive, message, at);

    /// <summary>The spec turns the requirement off; <paramref name="at"/> is the spec's key that does.</summary>
    public static Finding NotApplicable(Evidence at, string message) => new(Outcome.NotApplicable, message, at);

    /// <summary>Nothing to decide on: names what was looked for and where.</summary>
    public static Finding NothingFound(string lookedFor, string lookedIn) =>
        new(Outcome.Inconclusive, "nothing to decide on", new AbsenceEvidence(lookedFor, lookedIn));

    public override string ToString()
    {
        var text = $"{Evidence.Location}: {Message}";
        if (Expected is not null || Found is not null) text += $" (expected {Expected ?? "-"}, found {Found ?? "-"})";
        return text;
    }
}
