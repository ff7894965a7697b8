namespace Homelab.Conformance.Reports.Html.Sections;

/// <summary>Where the cluster differs from what the repo declares, with the evidence for each side.</summary>
internal static class DriftSection
{
    public static void Write(HtmlBuilder html, ReportContext context)
    {
        var drift = context.Results.Drift;
        using (html.Tag("section", null, ("id", "drift"), ("aria-labelledby", "drift-h")))
        {
            html.Element("h2", $"Drift between repo and cluster ({drift.Count})", null, ("id", "drift-h"));
            if (drift.Count == 0)
            {
                html.Element("p", context.HasStatic && context.HasLive
                    ? "No drift: the cluster is what the repo declares."
                    : "Not compared: drift needs the repo and the cluster audited in one run (run-conformance.sh all, or audit with --repo).", "empty");
                return;
            }
            using (html.Tag("table", "drift"))
            {
                Tables.Head(html, "Subject", "Declared in the repo", "Live in the cluster");
                using (html.Tag("tbody"))
                {
                    foreach (var item in drift)
                    {
                        using (html.Tag("tr"))
                        {
                            html.Element("th", item.Subject, null, ("scope", "row"));
                            Side(html, context, item.Declared, item.DeclaredAt);
                            Side(html, context, item.Live, item.LiveAt);
                        }
                    }
                }
            }
        }
    }

    private static void Side(HtmlBuilder html, ReportContext context, string value, EvidenceEntry at)
    {
        using (html.Tag("td"))
        {
            html.Open("p", "value").Element("code", value).Close("p");
            context.Links.Write(html, at);
        }
    }
}
