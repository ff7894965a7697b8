namespace Homelab.Conformance.Reports.Html.Sections;

/// <summary>The verdict, and what the run was made on: run id, time, commit, spec hash, cluster.</summary>
internal static class HeaderSection
{
    public static void Write(HtmlBuilder html, ReportContext context)
    {
        var results = context.Results;
        var meta = results.Metadata;
        using (html.Tag("header", "page-header " + (results.Conformant ? "verdict-pass" : "verdict-fail")))
        {
            using (html.Tag("div", "wrap"))
            {
                html.Element("p", "Homelab conformance report", "eyebrow");
                using (html.Tag("h1", "verdict", ("id", "verdict")))
                {
                    html.Element("span", results.Conformant ? "\u2713" : "\u2717", "sym", ("aria-hidden", "true"));
                    html.Text(results.Conformant ? "Conformant" : "Not conformant");
                }
                html.Element("p", Why(context), "verdict-why");
                if (meta.SpecNote is { } note) html.Element("p", note, "spec-note");
                using (html.Tag("dl", "meta"))
                {
                    Item(html, "Run", results.RunId);
                    Item(html, "Started", ReportContext.Time(results.StartedAt));
                    Item(html, "Duration", ReportContext.Number(results.DurationSeconds, "0.0") + " s");
                    Item(html, "Commit", meta.RepoCommit is { Length: > 12 } c ? c[..12] : meta.RepoCommit ?? "not a Git checkout", meta.RepoCommit);
                    Item(html, "Spec SHA-256", meta.SpecSha256.Length > 12 ? meta.SpecSha256[..12] : meta.SpecSha256, meta.SpecSha256);
                    Item(html, "Cluster", meta.ClusterServer ?? "not audited", wide: true);
                    Item(html, "Kubernetes", meta.ClusterVersion ?? "\u2013");
                    Item(html, "Repository", meta.RepoPath is null ? "not read" : meta.Cluster is null ? meta.RepoPath : $"{meta.RepoPath} (cluster {meta.Cluster})", wide: true);
                    if (meta.RulesNotRun is { } notRun) Item(html, "Not run (--only/--skip)", string.Join(", ", notRun), wide: true);
                }
            }
            using (html.Tag("nav", "wrap toc", ("aria-label", "Sections")))
            {
                foreach (var (id, label) in new[] { ("summary", "Summary"), ("rules", "Rules"), ("waivers", "Waivers"), ("problems", "Input problems"), ("drift", "Drift"), ("trend", "Trend") })
                    html.Element("a", label, null, ("href", "#" + id));
            }
        }
    }

    /// <summary>One line saying what decided the verdict.</summary>
    private static string Why(ReportContext context)
    {
        var s = context.Results.Summary;
        var parts = new List<string> { $"{context.Results.Rules.Count} rules" };
        if (context.HasStatic) parts.Add($"repo: {Counts(s.Static)}");
        if (context.HasLive) parts.Add($"cluster: {Counts(s.Live)}");
        parts.Add($"{s.InputErrors} input errors, {s.InputWarnings} warnings");
        if (context.HasStatic && context.HasLive) parts.Add($"{s.Drift} drift");
        return string.Join(" \u00b7 ", parts);
    }

    private static string Counts(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", Summary.Outcomes.Select(o => (o, n: Outcomes.Count(counts, o))).Where(x => x.n > 0 || x.o is "pass" or "fail").Select(x => $"{x.n} {ReportFormatting.Label(x.o)}"));

    private static void Item(HtmlBuilder html, string term, string value, string? full = null, bool wide = false)
    {
        using (html.Tag("div", wide ? "wide" : null))
        {
            html.Element("dt", term);
            html.Element("dd", value, null, ("title", full));
        }
    }
}
