namespace Homelab.Conformance.Reports.Html.Sections;

/// <summary>Counts per outcome for the repo and the cluster, and per area.</summary>
internal static class SummarySection
{
    public static void Write(HtmlBuilder html, ReportContext context)
    {
        var summary = context.Results.Summary;
        using (html.Tag("section", null, ("id", "summary"), ("aria-labelledby", "summary-h")))
        {
            html.Element("h2", "Summary", null, ("id", "summary-h"));
            using (html.Tag("div", "cards"))
            {
                Side(html, "Repository (static)", context.HasStatic ? summary.Static : null, "not audited in this run");
                Side(html, "Cluster (live)", context.HasLive ? summary.Live : null, "not audited in this run");
                using (html.Tag("div", "card"))
                {
                    html.Element("h3", "Inputs and drift");
                    using (html.Tag("ul", "counts single"))
                    {
                        Count(html, "input errors", summary.InputErrors, summary.InputErrors > 0 ? "fail" : "pass");
                        Count(html, "input warnings", summary.InputWarnings, summary.InputWarnings > 0 ? "inconclusive" : "pass");
                        if (context.HasStatic && context.HasLive) Count(html, "drift", summary.Drift, summary.Drift > 0 ? "fail" : "pass");
                        else html.Element("li", "drift: needs a static and a live audit in one run", "muted");
                    }
                }
            }
            Areas(html, context);
        }
    }

    private static void Side(HtmlBuilder html, string title, IReadOnlyDictionary<string, int>? counts, string absent)
    {
        using (html.Tag("div", "card"))
        {
            html.Element("h3", title);
            if (counts is null)
            {
                html.Element("p", absent, "muted");
                return;
            }
            var total = Summary.Outcomes.Sum(o => Outcomes.Count(counts, o));
            using (html.Tag("ul", "counts"))
            {
                foreach (var outcome in Summary.Outcomes)
                    Count(html, ReportFormatting.Label(outcome), Outcomes.Count(counts, outcome), outcome);
            }
            Bar(html, counts, total);
        }
    }

    private static void Count(HtmlBuilder html, string label, int n, string outcome)
    {
        using (html.Tag("li", n == 0 ? "zero" : null))
        {
            html.Element("span", Outcomes.Symbol(outcome), "dot " + Outcomes.CssClass(outcome), ("aria-hidden", "true"));
            html.Element("strong", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            html.Text(" " + label);
        }
    }

    /// <summary>A proportional bar of the outcomes, decoration beside the counts (hidden from screen readers).</summary>
    private static void Bar(HtmlBuilder html, IReadOnlyDictionary<string, int> counts, int total)
    {
        if (total == 0) return;
        using (html.Tag("div", "bar", ("aria-hidden", "true")))
        {
            foreach (var outcome in Summary.Outcomes.Where(o => Outcomes.Count(counts, o) > 0))
            {
                var share = ReportContext.Number(100.0 * Outcomes.Count(counts, outcome) / total, "0.##");
                html.Element("span", null, Outcomes.CssClass(outcome), ("style", $"width:{share}%"));
            }
        }
    }

    private static void Areas(HtmlBuilder html, ReportContext context)
    {
        html.Element("h3", "By area (repo and cluster together)");
        using (html.Tag("table", "areas"))
        {
            using (html.Tag("thead"))
            using (html.Tag("tr"))
            {
                html.Element("th", "Area", null, ("scope", "col"));
                html.Element("th", "Rules", "num", ("scope", "col"));
                foreach (var outcome in Summary.Outcomes) html.Element("th", ReportFormatting.Label(outcome), "num", ("scope", "col"));
            }
            using (html.Tag("tbody"))
            {
                foreach (var area in context.Areas)
                {
                    context.Results.Summary.ByArea.TryGetValue(area, out var counts);
                    using (html.Tag("tr"))
                    {
                        html.Element("th", area, null, ("scope", "row"));
                        html.Element("td", context.Results.Rules.Count(r => r.Area == area).ToString(System.Globalization.CultureInfo.InvariantCulture), "num");
                        foreach (var outcome in Summary.Outcomes)
                        {
                            var n = Outcomes.Count(counts, outcome);
                            html.Element("td", n.ToString(System.Globalization.CultureInfo.InvariantCulture), n == 0 ? "num zero" : $"num hot {Outcomes.CssClass(outcome)}");
                        }
                    }
                }
            }
        }
    }
}
