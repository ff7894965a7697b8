namespace Homelab.Conformance.Reports.Html;

/// <summary>Outcome badges: a symbol and a word, so the outcome never rests on colour alone.</summary>
internal static class Outcomes
{
    /// <summary>
    /// From worst to best: a rule row takes the worst of its two sides. A side the spec turns off
    /// asks nothing, so the other side's outcome stands for the row.
    /// </summary>
    public static readonly string[] WorstFirst = ["error", "fail", "inconclusive", "waived", "pass", "notApplicable"];

    public static string Symbol(string? outcome) => outcome switch
    {
        "pass" => "\u2713",
        "fail" => "\u2717",
        "inconclusive" => "?",
        "waived" => "\u2691",
        "notApplicable" => "\u2205",
        "error" => "!",
        _ => "\u2013",
    };

    /// <summary>A CSS class from a fixed set, whatever the data holds.</summary>
    public static string CssClass(string? outcome) =>
        outcome is not null && Array.IndexOf(WorstFirst, outcome) >= 0 ? "o-" + outcome : "o-none";

    /// <summary>Nothing to look at: every side passed or the spec turned it off.</summary>
    public static bool AllGood(string outcome) => outcome is "pass" or "notApplicable";

    public static string Worst(IEnumerable<string?> outcomes)
    {
        var present = outcomes.OfType<string>().ToList();
        return WorstFirst.FirstOrDefault(present.Contains) ?? "none";
    }

    public static void Badge(HtmlBuilder html, string? outcome, string? label = null)
    {
        using (html.Tag("span", "badge " + CssClass(outcome)))
        {
            html.Element("span", Symbol(outcome), "sym", ("aria-hidden", "true"));
            html.Text(label ?? (outcome is null ? "not checked" : ReportFormatting.Label(outcome)));
        }
    }

    /// <summary>How many of the run's rules (static and live together) had <paramref name="outcome"/>.</summary>
    public static int Count(ResultsDocument run, string outcome) =>
        Count(run.Summary?.Static, outcome) + Count(run.Summary?.Live, outcome);

    public static int Count(IReadOnlyDictionary<string, int>? counts, string outcome) =>
        counts is not null && counts.TryGetValue(outcome, out var n) ? n : 0;
}
