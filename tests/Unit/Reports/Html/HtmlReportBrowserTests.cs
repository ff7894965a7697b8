using Homelab.Conformance.Audit;
using Homelab.Conformance.Reports;
using Homelab.Conformance.Rules;

namespace Homelab.Conformance.Tests.Reports.Html;

/// <summary>
/// report.html in a real browser: Debian's Chromium, headless, over the DevTools protocol. It
/// saves a screenshot to reports/screenshots/report.png for a person to look at.
/// </summary>
public sealed class HtmlReportBrowserTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Chromium_shows_every_rule_with_no_console_error_and_no_fetch()
    {
        var chromium = RequireChromium();
        var folder = Path.Combine(Path.GetTempPath(), "homelab-html-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var page = Path.Combine(folder, "report.html");
            File.WriteAllText(page, new HtmlReport(repoUrl: null).Write(SampleResults.Run(), History()));
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            cancel.CancelAfter(Limit);

            await using var browser = await HeadlessChromium.StartAsync(chromium, cancel.Token);
            await browser.NavigateAsync(new Uri(page).AbsoluteUri, cancel.Token);
            var dom = await browser.EvaluateAsync("document.documentElement.outerHTML", cancel.Token);
            var shown = await browser.EvaluateAsync("document.body.innerText", cancel.Token);
            var screenshot = Path.Combine(SourceTree.Root, "reports", "screenshots", "report.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            File.WriteAllBytes(screenshot, await browser.ScreenshotAsync(cancel.Token));

            RuleCatalogue.All.Should().AllSatisfy(rule =>
            {
                dom.Should().Contain($"id=\"rule-{rule.Id}\"");
                shown.Should().Contain(rule.Id, "every rule's row is visible, open or not");
            });
            shown.Should().Contain("Not conformant").And.Contain("Waiver EXPIRED on 2026-10-01").And.Contain("node talos-4 control plane");
            dom.Should().Contain("<svg", "three runs make a trend chart");
            browser.Errors().Should().BeEmpty($"the page logs no error; Chromium said:{Environment.NewLine}{browser.Stderr}");
            browser.Requests().Should().AllSatisfy(url => url.Should().StartWith("file://", "the page fetches nothing but itself"));
            new FileInfo(screenshot).Length.Should().BeGreaterThan(10_000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Each requirement's three sides: the docs line, the repo evidence and the cluster's, side by side.</summary>
    [Fact]
    public async Task Chromium_shows_the_docs_line_beside_the_repo_and_cluster_sides()
    {
        var chromium = RequireChromium();
        var folder = Path.Combine(Path.GetTempPath(), "homelab-html-docs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var page = Path.Combine(folder, "report.html");
            var results = ResultsDocument.From(ConformanceRun.Static(new RunOptions
            {
                RepoPath = Path.Combine(Violations.FixtureAudit.Fixtures, "homelab"),
                SpecPath = Violations.FixtureAudit.Spec,
                Today = Violations.FixtureAudit.Today,
            }));
            File.WriteAllText(page, new HtmlReport(repoUrl: null).Write(results, []));
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            cancel.CancelAfter(Limit);

            await using var browser = await HeadlessChromium.StartAsync(chromium, cancel.Token);
            await browser.NavigateAsync(new Uri(page).AbsoluteUri, cancel.Token);
            var cni = await browser.EvaluateAsync(
                "(() => { const d = document.getElementById('rule-HL-NET-003'); d.open = true; return [...d.querySelectorAll('.side-detail h4')].map(h => h.innerText.split(' ')[0]).join('|') + '\\n' + d.innerText; })()",
                cancel.Token);
            var screenshot = Path.Combine(SourceTree.Root, "reports", "screenshots", "three-sides.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            File.WriteAllBytes(screenshot, await browser.ScreenshotAsync(cancel.Token));

            cni.Split('\n')[0].Should().Be("Docs|Repository|Cluster", "the docs side comes first, then the repo's, then the cluster's");
            cni.Should().Contain("docs/architecture.md:31").And.Contain("network.cni = cilium").And.Contain("Not checked on this side in this run.");
            browser.Errors().Should().BeEmpty(browser.Stderr);
            new FileInfo(screenshot).Length.Should().BeGreaterThan(10_000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The checks above would see a fault: a console error, an uncaught exception, an outside fetch.</summary>
    [Fact]
    public async Task The_browser_check_sees_console_errors_exceptions_and_fetches()
    {
        var chromium = RequireChromium();
        var page = Path.Combine(Path.GetTempPath(), "homelab-html-faulty-" + Guid.NewGuid().ToString("N") + ".html");
        File.WriteAllText(page, """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>faulty</title></head><body>
            <img src="http://127.0.0.1:9/outside.png" alt="">
            <script>console.error("seen-error"); console.log("only a log"); throw new Error("seen-exception");</script>
            </body></html>
            """);
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            cancel.CancelAfter(Limit);
            await using var browser = await HeadlessChromium.StartAsync(chromium, cancel.Token);
            await browser.NavigateAsync(new Uri(page).AbsoluteUri, cancel.Token);

            browser.Errors().Should().Contain(e => e.Contains("seen-error")).And.Contain(e => e.Contains("seen-exception"))
                .And.NotContain(e => e.Contains("only a log"));
            browser.Requests().Should().Contain("http://127.0.0.1:9/outside.png");
        }
        finally
        {
            File.Delete(page);
        }
    }

    private static string RequireChromium()
    {
        var chromium = HeadlessChromium.Find();
        if (chromium is null)
        {
            Assert.Skip($"Chromium not found at {HeadlessChromium.DebianPath}: install it with `sudo apt-get install -y chromium` " +
                "(.ci/run does), or point HOMELAB_CHROMIUM at a Chrome or Chromium binary");
        }
        return chromium;
    }

    private static ResultsDocument[] History() =>
    [
        SampleResults.Earlier("20261122T020000Z", new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero), failures: 6),
        SampleResults.Earlier("20261123T020000Z", new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), failures: 3),
        SampleResults.Earlier("20261124T020000Z", new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero), failures: 0),
    ];
}
