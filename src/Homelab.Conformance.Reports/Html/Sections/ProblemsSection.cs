
namespace Homelab.Conformance.Reports.Html.Sections;

/// <summary>Input problems: files that could not be read or understood, and warnings about what the rules could see.</summary>
internal static class ProblemsSection
{
    public static void Write(HtmlBuilder html, ReportContext context)
    {
        var problems = context.Results.Problems.OrderBy(p => p.Severity == "error" ? 0 : 1).ToList();
        using (html.Tag("section", null, ("id", "problems"), ("aria-labelledby", "problems-h")))
        {
            html.Element("h2", $"Input problems ({problems.Count})", null, ("id", "problems-h"));
            if (problems.Count == 0)
            {
                html.Element("p", "Every input was read.", "empty");
                return;
            }
            using (html.Tag("table"))
            {
                Tables.Head(html, "Severity", "Source", "Cause", "Where");
                using (html.Tag("tbody"))
                {
                    foreach (var problem in problems)
                    {
                        using (html.Tag("tr"))
                        {
                            html.Open("td");
                            Outcomes.Badge(html, problem.Severity == "error" ? "error" : "inconclusive", problem.Severity);
                            html.Close("td");
                            html.Element("td", problem.Source);
                            html.Element("td", problem.Cause);
                            html.Open("td");
                            context.Links.Write(html, problem.Where);
                            html.Close("td");
                        }
                    }
                }
            }
        }
    }
}
