using System.Security.Cryptography;
using System.Text;
using Homelab.Conformance.Reports.Html;
using Homelab.Conformance.Reports.Html.Sections;

namespace Homelab.Conformance.Reports;

/// <summary>
/// report.html: one self-contained page a person opens. Inline CSS, no fetch of any kind (its
/// Content-Security-Policy forbids them), every value HTML-encoded; it works without JavaScript
/// and prints whole (failing rules open; a one-line script opens the rest before printing).
/// </summary>
public sealed class HtmlReport : IReportWriter
{
    /// <summary>Opens every &lt;details&gt; before printing; the page is whole without it.</summary>
    private const string PrintScript = "addEventListener('beforeprint',()=>document.querySelectorAll('details').forEach(d=>d.open=true));";

    private static readonly string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"
        + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(PrintScript))) + "'";

    private readonly Func<string?> _repoUrl;

    /// <summary>Links repo evidence to <c>$HOMELAB_REPO_URL</c> when it is set (read at each write).</summary>
    public HtmlReport() => _repoUrl = () => Environment.GetEnvironmentVariable(EvidenceLinks.RepoUrlVariable);

    /// <param name="repoUrl">The forge URL of the repo at the run's commit (e.g. <c>https://github.com/me/homelab/blob/{commit}</c>), or null for <c>file://</c> links.</param>
    public HtmlReport(string? repoUrl) => _repoUrl = () => repoUrl;

    public string FileName => "report.html";

    public string Write(ResultsDocument results, IReadOnlyList<ResultsDocument> history)
    {
        var links = new EvidenceLinks(results.Metadata.RepoPath, EvidenceLinks.RepoUrl(_repoUrl(), results.Metadata.RepoCommit) ?? EvidenceLinks.FromRemote(results.Metadata));
        var context = new ReportContext(results, history, links);
        var html = new HtmlBuilder();
        html.Trusted("<!DOCTYPE html>").Line();
        using (html.Tag("html", null, ("lang", "en")))
        {
            using (html.Tag("head"))
            {
                html.Void("meta", null, ("charset", "utf-8")).Line();
                html.Void("meta", null, ("http-equiv", "Content-Security-Policy"), ("content", ContentSecurityPolicy)).Line();
                html.Void("meta", null, ("name", "viewport"), ("content", "width=device-width, initial-scale=1")).Line();
                html.Void("meta", null, ("name", "color-scheme"), ("content", "light dark")).Line();
                html.Element("title", $"{(results.Conformant ? "Conformant" : "Not conformant")} \u2013 homelab conformance {results.RunId}").Line();
                html.Open("style").Trusted(PageStyle.Css).Close("style").Line();
                html.Open("script").Trusted(PrintScript).Close("script").Line();
            }
            using (html.Tag("body"))
            {
                HeaderSection.Write(html, context);
                using (html.Tag("main"))
                {
                    SummarySection.Write(html, context);
                    RulesSection.Write(html, context);
                    WaiversSection.Write(html, context);
                    ProblemsSection.Write(html, context);
                    DriftSection.Write(html, context);
                    TrendSection.Write(html, context);
                }
                FooterSection.Write(html, context);
            }
        }
        return html.Line().ToString();
    }
}
