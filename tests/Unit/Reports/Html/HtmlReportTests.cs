using System.Net;
using System.Text.RegularExpressions;
using Homelab.Conformance.Reports;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Tests.Reports.Html;

public sealed partial class HtmlReportTests
{
    private const string Forge = "https://github.com/me/homelab/blob/0123456789abcdef";

    private static string Render(ResultsDocument? results = null, IReadOnlyList<ResultsDocument>? history = null, string? repoUrl = null) =>
        new HtmlReport(repoUrl).Write(results ?? SampleResults.Run(), history ?? []);

    [Fact]
    public void Is_found_by_the_report_folder_as_report_html() =>
        ReportFolder.Writers.Should().ContainSingle(w => w is HtmlReport).Which.FileName.Should().Be("report.html");

    [Fact]
    public void Shows_every_rule_of_the_catalogue_as_its_own_row()
    {
        var html = Render();
        RuleCatalogue.All.Should().AllSatisfy(rule =>
        {
            html.Should().Contain($"id=\"rule-{rule.Id}\"");
            html.Should().Contain($"<span class=\"rule-id\">{rule.Id}</span>");
            html.Should().Contain(WebUtility.HtmlEncode(rule.Claim(ReferenceSpec.Value)));
        });
    }

    [Fact]
    public void Header_names_the_verdict_run_commit_spec_hash_and_cluster()
    {
        var html = Render();
        html.Should().Contain("Not conformant").And.Contain("20261125T094500Z").And.Contain("2026-11-25 09:45:00 +00:00")
            .And.Contain(SampleResults.Commit).And.Contain("41d9b73b606714b9").And.Contain("https://10.0.0.10:6443").And.Contain("v1.31.2");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Forge)]
    public void Fetches_nothing_and_links_out_only_to_the_repo_url(string? repoUrl)
    {
        var html = Render(repoUrl: repoUrl);
        var references = ResourceAttribute().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["value"].Value)).ToList();
        references.Should().NotBeEmpty();
        var outside = references.Where(r => r.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || r.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || r.StartsWith("//", StringComparison.Ordinal)).ToList();
        if (repoUrl is null) outside.Should().BeEmpty("without HOMELAB_REPO_URL nothing points off this machine");
        else outside.Should().NotBeEmpty().And.AllSatisfy(r => r.Should().StartWith(Forge + "/", "only repo evidence may link out, and only to HOMELAB_REPO_URL"));
        html.Should().NotContainAny("<link", "<img", "<iframe", "@import", "url(");
        Regex.Matches(html, "<script").Should().ContainSingle("the only script is the page's own print helper");
        html.Should().Contain("Content-Security-Policy").And.Contain(WebUtility.HtmlEncode("default-src 'none'"));
    }

    [Fact]
    public void Encodes_markup_in_every_value()
    {
        var hostile = "<script>alert('x')</script>";
        var results = SampleResults.Run().With("HL-CP-002", liveSide: SampleResults.Side("fail",
            new FindingEntry("fail", hostile, SampleResults.Repo("talos/\"><script>x.yaml", 3, ""), hostile, "<b>bold</b>")));

        var html = Render(results);

        html.Should().Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        html.Should().Contain("&lt;b&gt;bold&lt;/b&gt;").And.NotContain("<b>bold</b>");
        html.Should().NotContain("\"><script>");
        Regex.Matches(html, "<script").Should().ContainSingle();
    }

    [Fact]
    public void A_failing_repo_finding_links_to_its_file_and_line()
    {
        var html = Render();
        html.Should().Contain($"href=\"file://{SampleResults.RepoPath}/infrastructure/storage/rook-ceph/pools.yaml#L14\"");
        html.Should().Contain("infrastructure/storage/rook-ceph/pools.yaml:14 (spec.replicated.size)</a>");
    }

    [Fact]
    public void With_a_repo_url_repo_evidence_links_to_the_forge_instead()
    {
        var html = Render(repoUrl: Forge + "/");
        html.Should().Contain($"href=\"{Forge}/infrastructure/storage/rook-ceph/pools.yaml#L14\"");
        html.Should().NotContain("file://");
    }

    [Fact]
    public void The_repo_url_may_name_the_commit_and_must_be_http()
    {
        Render(repoUrl: "https://git.example/homelab/src/commit/{commit}")
            .Should().Contain($"href=\"https://git.example/homelab/src/commit/{SampleResults.Commit}/talos/talconfig.yaml#L57\"");
        Render(repoUrl: "javascript:alert(1)").Should().NotContain("javascript:").And.Contain("href=\"file://");
    }

    [Fact]
    public void Without_a_repo_url_repo_evidence_links_to_the_origin_remote_at_the_run_s_commit()
    {
        var results = SampleResults.Run();
        results = results with { Metadata = results.Metadata with { RepoRemote = "https://github.com/me/homelab", RepoPathInGit = "gitops/" } };

        Render(results).Should().Contain($"href=\"https://github.com/me/homelab/blob/{SampleResults.Commit}/gitops/talos/talconfig.yaml#L57\"")
            .And.NotContain("file://");
        Render(results, repoUrl: Forge).Should().Contain($"href=\"{Forge}/talos/talconfig.yaml#L57\"", "HOMELAB_REPO_URL wins over the remote");
    }

    [Fact]
    public void File_links_escape_what_a_url_cannot_hold()
    {
        var results = SampleResults.Run().With("HL-CP-002", staticSide: SampleResults.Side("fail",
            new FindingEntry("fail", "odd name", SampleResults.Repo("apps/my app/#1.yaml", 2, ""), null, null)));
        Render(results).Should().Contain($"href=\"file://{SampleResults.RepoPath}/apps/my%20app/%231.yaml#L2\"");
    }

    [Fact]
    public void Shows_outcomes_as_words_beside_the_colour_and_expected_against_found()
    {
        var html = Render();
        html.Should().Contain("<span class=\"badge o-fail\"><span class=\"sym\" aria-hidden=\"true\">\u2717</span>fail</span>");
        html.Should().Contain(">inconclusive</span>").And.Contain(">waived</span>").And.Contain(">error</span>").And.Contain(">not checked</span>");
        html.Should().Contain("<dt>expected</dt><dd><code>2..3</code></dd><dt>found</dt><dd><code>5</code></dd>");
    }

    [Fact]
    public void A_rule_the_spec_turns_off_shows_not_applicable_with_the_spec_key_unlinked()
    {
        var off = new FindingEntry("notApplicable", "the spec asks for no L2 load balancing",
            new EvidenceEntry("spec", "architecture.yaml:25 (network.l2LoadBalancing)") { File = "architecture.yaml", Line = 25, Column = 20, YamlPath = "network.l2LoadBalancing" }, null, null);
        var results = SampleResults.Run().With("HL-NET-004", SampleResults.Side("notApplicable", off), SampleResults.Side("notApplicable", off));

        var html = Render(results);

        html.Should().Contain("<details class=\"rule o-notApplicable all-pass\" id=\"rule-HL-NET-004\">", "nothing to fix: closed, and hidden with the passing ones");
        html.Should().Contain("<span class=\"badge o-notApplicable\"><span class=\"sym\" aria-hidden=\"true\">\u2205</span>not applicable</span>");
        html.Should().Contain("<span class=\"ev-type\">spec</span><code>architecture.yaml:25 (network.l2LoadBalancing)</code>", "the spec is no repo file to link to");
        html.Should().Contain("<strong>1</strong> not applicable</li>").And.Contain(".o-notApplicable {");
    }

    [Fact]
    public void Failing_rules_open_and_passing_ones_stay_closed()
    {
        var html = Render();
        html.Should().Contain("<details class=\"rule o-fail\" id=\"rule-HL-STO-001\" open=\"\">");
        html.Should().Contain("<details class=\"rule o-pass all-pass\" id=\"rule-HL-STO-002\">");
    }

    [Fact]
    public void Live_evidence_reads_kind_namespace_name_and_field()
    {
        var html = Render();
        html.Should().Contain("<code>CephBlockPool rook-ceph/replicapool (spec.replicated.size)</code>");
        html.Should().Contain(WebUtility.HtmlEncode("<code>Node talos-4 (metadata.labels[\"node-role.kubernetes.io/control-plane\"])</code>")
            .Replace("&lt;", "<").Replace("&gt;", ">"));
    }

    [Fact]
    public void Waivers_show_reason_and_expiry_and_mark_the_expired()
    {
        var html = Render();
        html.Should().Contain("Waived until 2099-01-31").And.Contain("host firewall waits for the Talos 1.9 upgrade");
        html.Should().Contain("<div class=\"waiver expired\">").And.Contain("Waiver EXPIRED on 2026-10-01").And.Contain("rotating the token this sprint");
        html.Should().Contain("<tr class=\"expired\">");
    }

    [Fact]
    public void Lists_input_problems_and_drift_with_both_sides()
    {
        var html = Render();
        html.Should().Contain("Input problems (2)").And.Contain("mapping values are not allowed here");
        html.Should().Contain("Drift between repo and cluster (1)").And.Contain("node talos-4 control plane");
        html.Should().Contain($"href=\"file://{SampleResults.RepoPath}/talos/talconfig.yaml#L57\"");
    }

    [Fact]
    public void A_static_only_run_says_drift_and_the_cluster_were_not_compared()
    {
        var run = SampleResults.Run();
        var rules = run.Rules.Where(r => r.Static is not null).Select(r => r with { Live = null }).ToList();
        var html = Render(run with { Rules = rules, Drift = [], Summary = Summary.Of(rules, run.Problems, []) });
        html.Should().Contain("Not compared: drift needs the repo and the cluster audited in one run");
        html.Should().Contain("not audited in this run");
    }

    [Fact]
    public void One_run_has_no_trend_yet()
    {
        var html = Render();
        html.Should().Contain("No trend yet").And.NotContain("<svg");
    }

    [Fact]
    public void Two_earlier_runs_make_a_trend_of_three()
    {
        ResultsDocument[] history =
        [
            SampleResults.Earlier("20261123T020000Z", new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), failures: 4),
            SampleResults.Earlier("20261124T020000Z", new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero), failures: 0),
        ];

        var html = Render(history: history);

        html.Should().NotContain("No trend yet").And.Contain("<svg").And.Contain("Rule outcomes of the last 3 runs");
        Regex.Matches(html, "<g class=\"run( current)?\">").Should().HaveCount(3);
        var table = html[html.IndexOf("<table class=\"trend\">", StringComparison.Ordinal)..];
        table.Should().Contain("<code>20261123T020000Z</code>").And.Contain("<code>20261124T020000Z</code>").And.Contain("<code>20261125T094500Z</code>");
        table.IndexOf("20261125T094500Z", StringComparison.Ordinal).Should().BeLessThan(table.IndexOf("20261123T020000Z", StringComparison.Ordinal), "the newest run comes first in the table");
    }

    /// <summary>Every attribute that loads or points at something.</summary>
    [GeneratedRegex(""""\s(?:src|href|srcset|action|formaction|poster|data|xlink:href|background)\s*=\s*"(?<value>[^"]*)"""", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceAttribute();
}
