using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Rules;

/// <summary>The comparisons rules repeat: a fact against an expectation, turned into a finding.</summary>
public static class Checks
{
    /// <summary>
    /// Pass when the fact satisfies <paramref name="ok"/>, fail with expected-vs-found when it does
    /// not, inconclusive when its value is unknown, and "nothing found" when it is missing.
    /// </summary>
    public static Finding Expect<T>(Fact<T>? fact, Func<T, bool> ok, string what, string expected, string lookedIn, ObjectRef? on = null)
    {
        var finding = Judge(fact, ok, what, expected, lookedIn);
        return on is null ? finding : finding.On(on);
    }

    private static Finding Judge<T>(Fact<T>? fact, Func<T, bool> ok, string what, string expected, string lookedIn)
    {
        if (fact is null) return Finding.NothingFound(what, lookedIn);
        if (!fact.IsKnown) return Finding.Inconclusive(fact.Evidence, $"{what} cannot be known offline: {fact.Unknown}");
        return ok(fact.Value)
            ? Finding.Pass(fact.Evidence, $"{what} is {Show(fact.Value)}")
            : Finding.Fail(fact.Evidence, $"{what} is {Show(fact.Value)}", expected, Show(fact.Value));
    }

    public static string Show<T>(T value) => value switch
    {
        null => "unset",
        bool b => b ? "true" : "false",
        "" => "empty",
        _ => value.ToString() ?? "",
    };

    public static bool IsTrue(bool value) => value;
}
