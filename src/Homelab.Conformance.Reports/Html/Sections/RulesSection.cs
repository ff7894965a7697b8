
namespace Homelab.Conformance.Reports.Html.Sections;

/// <summary>
/// One row per rule, grouped by area: id, title, claim, and the repo and cluster outcomes side by
/// side; the row opens on its remediation, waiver and findings (open already when it failed).
/// </summary>
internal static class RulesSection
{
    public static void Write(HtmlBuilder html, ReportContext context)
    {
        using (html.Tag("section", null, ("id", "rules"), ("aria-labelledby", "rules-h")))
        {
            html.Element("h2", "Rules", null, ("id", "rules-h"));
            if (context.Results.Rules.Count == 0)
            {
                html.Element("p", "No rule ran in this run.", "empty");
                return;
            }
            using (html.Tag("p", "filter no-print"))
            using (html.Tag("label"))
            {
                html.Void("input", null, ("type", "checkbox"), ("id", "only-open"));
                html.Text(" Show only rules that did not pass on every side");
            }
            using (html.Tag("div", "rule-head", ("aria-hidden", "true")))
            {
                foreach (var column in new[] { "Rule", "Title and claim", "Repo", "Cluster" }) html.Element("span", column);
            }
            foreach (var area in context.Areas)
            {
                var rules = context.Results.Rules.Where(r => r.Area == area).ToList();
                if (rules.Count == 0) continue;
                html.Element("h3", area, "area");
                foreach (var rule in rules) Rule(html, context, rule);
            }
        }
    }

    private static void Rule(HtmlBuilder html, ReportContext context, RuleEntry rule)
    {
        var worst = Outcomes.Worst([rule.Static?.Outcome, rule.Live?.Outcome]);
        var expiredWaiver = new[] { rule.Static, rule.Live }.OfType<RuleOutcome>().Any(o => o.Waivers().Any(w => w.Expired));
        var open = worst is "fail" or "error" || expiredWaiver;
        var css = $"rule {Outcomes.CssClass(worst)}{(Outcomes.AllGood(worst) ? " all-pass" : "")}";
        using (html.Tag("details", css, ("id", "rule-" + rule.Id), ("open", open ? "" : null)))
        {
            using (html.Tag("summary"))
            {
                html.Element("span", rule.Id, "rule-id");
                using (html.Tag("span", "rule-text"))
                {
                    html.Element("span", rule.Title, "rule-title");
                    html.Element("span", rule.Claim, "claim");
                }
                SideBadge(html, "Repo", rule.Static);
                SideBadge(html, "Cluster", rule.Live);
            }
            using (html.Tag("div", "rule-body"))
            {
                using (html.Tag("p", "remediation"))
                {
                    html.Element("strong", "Remediation: ");
                    CodeSpans(html, rule.Remediation);
                }
                using (html.Tag("div", "sides"))
                {
                    DocsDetail(html, context, rule.Docs);
                    SideDetail(html, context, "Repository (static)", rule.Static);
                    SideDetail(html, context, "Cluster (live)", rule.Live);
                }
            }
        }
    }

    /// <summary>Text with <c>`code`</c> spans, as the rules write their remediations.</summary>
    private static void CodeSpans(HtmlBuilder html, string text)
    {
        var parts = text.Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && i < parts.Length - 1) html.Element("code", parts[i]);
            else html.Text(i % 2 == 1 ? "`" + parts[i] : parts[i]);
        }
    }

    private static void SideBadge(HtmlBuilder html, string side, RuleOutcome? outcome)
    {
        using (html.Tag("span", "side"))
        {
            html.Element("span", side + ": ", "side-label");
            Outcomes.Badge(html, outcome?.Outcome);
        }
    }

    /// <summary>The docs side: what the owner's pages say of the rule's subject, each line linked like any evidence.</summary>
    private static void DocsDetail(HtmlBuilder html, ReportContext context, IReadOnlyList<DocsEntry>? docs)
    {
        using (html.Tag("div", "side-detail docs-side"))
        {
            html.Element("h4", "Docs");
            if (docs is null)
            {
                html.Element("p", "No docs page states this.", "muted");
                return;
            }
            using (html.Tag("ul", "docs-claims"))
                foreach (var claim in docs)
                    using (html.Tag("li"))
                    {
                        context.Links.Write(html, claim.At);
                        html.Text($" {claim.Claim} = {claim.Value}: ");
                        html.Element("q", claim.Text);
                    }
        }
    }

    private static void SideDetail(HtmlBuilder html, ReportContext context, string title, RuleOutcome? outcome)
    {
        using (html.Tag("div", "side-detail"))
        {
            using (html.Tag("h4"))
            {
                html.Text(title + " ");
                Outcomes.Badge(html, outcome?.Outcome);
                if (outcome is not null) html.Element("span", ReportContext.Number(outcome.ElapsedMs, "0.#") + " ms", "elapsed");
            }
            if (outcome is null)
            {
                html.Element("p", "Not checked on this side in this run.", "muted");
                return;
            }
            if (outcome.Waiver is { } waiver) Waiver(html, context, waiver);
            if (outcome.Findings.Count == 0)
            {
                html.Element("p", "No findings.", "muted");
                return;
            }
            using (html.Tag("ol", "findings"))
            {
                foreach (var finding in outcome.Findings.OrderBy(f => Array.IndexOf(Outcomes.WorstFirst, f.Outcome) is var i and >= 0 ? i : 0))
                    Finding(html, context, finding);
            }
        }
    }

    private static void Finding(HtmlBuilder html, ReportContext context, FindingEntry finding)
    {
        using (html.Tag("li", "finding " + Outcomes.CssClass(finding.Outcome)))
        {
            Outcomes.Badge(html, finding.Outcome);
            using (html.Tag("div", "finding-body"))
            {
                html.Element("p", finding.Message, "msg");
                if (finding.Expected is not null || finding.Found is not null)
                {
                    using (html.Tag("dl", "expected-found"))
                    {
                        html.Element("dt", "expected");
                        html.Open("dd").Element("code", finding.Expected ?? "\u2013").Close("dd");
                        html.Element("dt", "found");
                        html.Open("dd").Element("code", finding.Found ?? "\u2013").Close("dd");
                    }
                }
                context.Links.Write(html, finding.Evidence);
                if (finding.Waiver is { } waiver) Waiver(html, context, waiver);
            }
        }
    }

    public static void Waiver(HtmlBuilder html, ReportContext context, WaiverEntry waiver)
    {
        using (html.Tag("div", "waiver" + (waiver.Expired ? " expired" : "")))
        {
            using (html.Tag("p"))
            {
                html.Element("span", "\u2691", "sym", ("aria-hidden", "true"));
                var on = waiver.Object is null ? "" : $" for {waiver.Object}";
                html.Element("strong", waiver.Expired ? $"Waiver{on} EXPIRED on {waiver.Expires}" : $"Waived{on} until {waiver.Expires}");
                html.Text(": " + waiver.Reason);
            }
            context.Links.Write(html, waiver.Where);
        }
    }
}
