using System.Globalization;

namespace Homelab.Conformance.Reports.Html.Sections;

/// <summary>The last runs from the reports folder and this one: an inline SVG chart and the same numbers as a table.</summary>
internal static class TrendSection
{
    /// <summary>Stacked from the bottom: the good outcomes first.</summary>
    private static readonly string[] Stack = ["pass", "notApplicable", "waived", "inconclusive", "fail", "error"];

    private const int BarWidth = 34, Gap = 22, Left = 34, Top = 12, PlotHeight = 150, Bottom = 34;

    public static void Write(HtmlBuilder html, ReportContext context)
    {
        var runs = context.History.Where(h => h.RunId != context.Results.RunId)
            .TakeLast(ReportFolder.TrendRuns).Append(context.Results).ToList();
        using (html.Tag("section", null, ("id", "trend"), ("aria-labelledby", "trend-h")))
        {
            html.Element("h2", "Trend", null, ("id", "trend-h"));
            if (runs.Count < 2)
            {
                html.Element("p", "No trend yet: this is the only run in this reports folder. Each later run adds to the trend (up to "
                    + (ReportFolder.TrendRuns + 1).ToString(CultureInfo.InvariantCulture) + " runs).", "empty");
                return;
            }
            html.Element("p", $"Rule outcomes of the last {runs.Count} runs, repo and cluster together, oldest first.", "muted");
            Chart(html, runs);
            Table(html, runs, context.Results.RunId);
        }
    }

    private static void Chart(HtmlBuilder html, IReadOnlyList<ResultsDocument> runs)
    {
        var max = Math.Max(1, runs.Max(r => Stack.Sum(o => Outcomes.Count(r, o))));
        var width = Left + runs.Count * (BarWidth + Gap);
        var height = Top + PlotHeight + Bottom;
        using (html.Tag("figure", "chart"))
        {
            using (html.Tag("svg", null, ("viewBox", $"0 0 {width} {height}"), ("width", width.ToString(CultureInfo.InvariantCulture)),
                ("height", height.ToString(CultureInfo.InvariantCulture)), ("role", "img"), ("aria-labelledby", "trend-title")))
            {
                html.Element("title", "Rule outcomes per run; the table below holds the same numbers", null, ("id", "trend-title"));
                foreach (var tick in new[] { 0, max / 2, max }.Distinct())
                {
                    var y = Y(tick, max);
                    html.Void("line", "grid", ("x1", N(Left - 4)), ("x2", N(width)), ("y1", N(y)), ("y2", N(y)));
                    html.Element("text", N(tick), "tick", ("x", N(Left - 8)), ("y", N(y + 4)), ("text-anchor", "end"));
                }
                for (var i = 0; i < runs.Count; i++) Bar(html, runs[i], Left + Gap / 2 + i * (BarWidth + Gap), max, i == runs.Count - 1);
            }
            using (html.Tag("figcaption", "legend"))
            {
                foreach (var outcome in Stack)
                {
                    html.Element("span", null, "swatch " + Outcomes.CssClass(outcome), ("aria-hidden", "true"));
                    html.Text(ReportFormatting.Label(outcome) + " ");
                }
            }
        }
    }

    private static void Bar(HtmlBuilder html, ResultsDocument run, int x, int max, bool current)
    {
        using (html.Tag("g", current ? "run current" : "run"))
        {
            html.Element("title", $"{run.RunId}: " + string.Join(", ", Stack.Select(o => $"{Outcomes.Count(run, o)} {ReportFormatting.Label(o)}")));
            var stacked = 0;
            foreach (var outcome in Stack)
            {
                var n = Outcomes.Count(run, outcome);
                if (n == 0) continue;
                var top = Y(stacked + n, max);
                html.Void("rect", Outcomes.CssClass(outcome), ("x", N(x)), ("y", N(top)), ("width", N(BarWidth)), ("height", N(Y(stacked, max) - top)));
                stacked += n;
            }
            var label = run.StartedAt.ToString("MM-dd", CultureInfo.InvariantCulture);
            var time = run.StartedAt.ToString("HH:mm", CultureInfo.InvariantCulture);
            html.Element("text", label, "tick", ("x", N(x + BarWidth / 2)), ("y", N(Top + PlotHeight + 14)), ("text-anchor", "middle"));
            html.Element("text", current ? "now" : time, current ? "tick now" : "tick", ("x", N(x + BarWidth / 2)), ("y", N(Top + PlotHeight + 27)), ("text-anchor", "middle"));
        }
    }

    private static void Table(HtmlBuilder html, IReadOnlyList<ResultsDocument> runs, string currentRunId)
    {
        using (html.Tag("table", "trend"))
        {
            Tables.Head(html, ["Run", "Started", "Verdict", .. Stack.Select(ReportFormatting.Label), "drift"]);
            using (html.Tag("tbody"))
            {
                foreach (var run in runs.Reverse())
                {
                    using (html.Tag("tr", run.RunId == currentRunId ? "current" : null))
                    {
                        using (html.Tag("th", null, ("scope", "row")))
                        {
                            html.Element("code", run.RunId);
                            if (run.RunId == currentRunId) html.Element("span", " (this run)", "muted");
                        }
                        html.Element("td", ReportContext.Time(run.StartedAt));
                        html.Open("td");
                        Outcomes.Badge(html, run.Conformant ? "pass" : "fail", run.Conformant ? "conformant" : "not conformant");
                        html.Close("td");
                        foreach (var outcome in Stack)
                        {
                            var n = Outcomes.Count(run, outcome);
                            html.Element("td", N(n), n == 0 || Outcomes.AllGood(outcome) ? "num" : $"num hot {Outcomes.CssClass(outcome)}");
                        }
                        html.Element("td", N(run.Summary?.Drift ?? 0), "num");
                    }
                }
            }
        }
    }

    private static double Y(int value, int max) => Top + PlotHeight - (double)PlotHeight * value / max;

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
