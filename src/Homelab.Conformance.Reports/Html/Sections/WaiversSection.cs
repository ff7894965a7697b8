namespace Homelab.Conformance.Reports.Html.Sections;

/// <summary>Every waiver the spec applied, with its reason and expiry; an expired one is marked.</summary>
internal static class WaiversSection
{
    public static void Write(HtmlBuilder html, ReportContext context)
    {
        var waivers = context.Results.Rules
            .SelectMany(r => new[] { (Rule: r, Side: "repo", Outcome: r.Static), (Rule: r, Side: "cluster", Outcome: r.Live) })
            .Where(x => x.Outcome is not null)
            .SelectMany(x => x.Outcome!.Waivers().Select(w => (x.Rule, x.Side, Outcome: x.Outcome!, Waiver: w)))
            .GroupBy(x => (x.Rule.Id, x.Waiver))
            .ToList();
        using (html.Tag("section", null, ("id", "waivers"), ("aria-labelledby", "waivers-h")))
        {
            html.Element("h2", $"Waivers ({waivers.Count})", null, ("id", "waivers-h"));
            if (waivers.Count == 0)
            {
                html.Element("p", "No waiver applied to this run.", "empty");
                return;
            }
            using (html.Tag("table"))
            {
                Tables.Head(html, "Rule", "Object", "Applied to", "Expires", "Status", "Reason", "Declared at");
                using (html.Tag("tbody"))
                {
                    foreach (var waiver in waivers)
                    {
                        var entry = waiver.Key.Waiver;
                        using (html.Tag("tr", entry.Expired ? "expired" : null))
                        {
                            html.Open("td").Element("a", waiver.Key.Id, "rule-ref", ("href", "#rule-" + waiver.Key.Id)).Close("td");
                            html.Open("td").Element("code", entry.Object ?? "(the whole rule)").Close("td");
                            html.Open("td");
                            foreach (var side in waiver) Outcomes.Badge(html, side.Outcome.Outcome, $"{side.Side}: {ReportFormatting.Label(side.Outcome.Outcome)}");
                            html.Close("td");
                            using (html.Tag("td"))
                            {
                                html.Text(entry.Expires);
                                if (entry.Expired) html.Element("strong", " expired", "expired-mark");
                            }
                            html.Element("td", entry.Status(waiver.Select(w => w.Outcome)));
                            html.Element("td", entry.Reason);
                            html.Open("td");
                            context.Links.Write(html, entry.Where);
                            html.Close("td");
                        }
                    }
                }
            }
        }
    }
}
