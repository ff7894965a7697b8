using System.Text.Json.Nodes;
using System.Xml.Linq;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Reports;

namespace Homelab.Conformance.Tests.Reports;

/// <summary>
/// Every report format over the same runs (see <see cref="SampleRun"/>): each valid against its
/// schema, every rule present, a failure pinned to its file and line, a waiver's expiry shown and
/// an expired waiver shown as a failure in every format.
/// </summary>
public sealed class ReportFormatTests
{
    private static ResultsDocument Mixed => SampleRun.Mixed;

    private static string Write(string fileName, ResultsDocument results) =>
        ReportFolder.Writers.Single(w => w.FileName == fileName).Write(results, []);

    [Fact]
    public void Every_format_is_found_by_reflection()
    {
        ReportFolder.Writers.Select(w => w.FileName).Should().Contain(["report.md", "junit.xml", "results.sarif", "results.json"]);
    }

    [Fact]
    public void The_sample_run_has_every_case_the_formats_must_show()
    {
        Mixed.Rules.Single(r => r.Id == "HL-STO-002").Static!.Outcome.Should().Be("fail");
        Mixed.Rules.Single(r => r.Id == "HL-NET-001").Static!.Outcome.Should().Be("waived");
        Mixed.Rules.Single(r => r.Id == "HL-GIT-002").Static!.Should().Match<RuleOutcome>(o => o.Outcome == "fail" && o.Waiver!.Expired);
        Mixed.Rules.Select(r => r.Live?.Outcome).Should().Contain(["pass", "fail", "waived", "inconclusive", "notApplicable", "error"]);
    }

    [Fact]
    public void The_schemas_reject_what_breaks_them()
    {
        // So that "valid" above means something: each validator refuses a broken document.
        Schemas.JUnitErrors("<testsuites><testsuite name=\"static\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase classname=\"x\"/></testsuite></testsuites>")
            .Should().NotBeEmpty("a testcase needs a name");
        var sarif = JsonNode.Parse(Write("results.sarif", Mixed))!;
        sarif["runs"]![0]!["results"]![0]!["level"] = "fatal";
        Schemas.SarifErrors(sarif.ToJsonString()).Should().NotBeEmpty("fatal is no SARIF level");
        var results = JsonNode.Parse(Write("results.json", Mixed))!;
        results["rules"]![0]!["static"]!["outcome"] = "passed";
        Schemas.ResultsErrors(results.ToJsonString()).Should().NotBeEmpty("passed is no outcome");
    }

    // junit.xml

    [Fact]
    public void JUnit_is_valid_against_the_junit_xsd()
    {
        Schemas.JUnitErrors(Write("junit.xml", Mixed)).Should().BeEmpty();
        Schemas.JUnitErrors(Write("junit.xml", SampleRun.Conforming)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("static")]
    [InlineData("live")]
    public void JUnit_has_one_suite_per_side_and_one_testcase_per_rule(string side)
    {
        var suite = JUnit(Mixed).Root!.Elements("testsuite").Should().ContainSingle(s => (string?)s.Attribute("name") == side).Subject;
        var judged = Mixed.Rules.Where(r => (side == "static" ? r.Static : r.Live) is not null).ToList();

        suite.Elements("testcase").Select(c => (string?)c.Attribute("name")).Should().Equal(judged.Select(r => $"{r.Id} {r.Title}"));
        suite.Elements("testcase").Select(c => (string?)c.Attribute("classname")).Should().Equal(judged.Select(r => r.Area));
        ((int)suite.Attribute("tests")!).Should().Be(judged.Count);
        ((int)suite.Attribute("failures")!).Should().Be(suite.Elements("testcase").Count(c => c.Element("failure") is not null));
        ((int)suite.Attribute("errors")!).Should().Be(suite.Elements("testcase").Count(c => c.Element("error") is not null));
        ((int)suite.Attribute("skipped")!).Should().Be(suite.Elements("testcase").Count(c => c.Element("skipped") is not null));
    }

    [Fact]
    public void JUnit_shows_fail_error_inconclusive_and_waived_as_failure_error_and_skipped()
    {
        var junit = JUnit(Mixed);
        var failure = Case(junit, "static", "HL-STO-002").Element("failure")!;
        ((string?)failure.Attribute("message")).Should().Contain("rook-ceph mon count is 2");
        failure.Value.Should().Contain($"{SampleRun.FailingFile}:{SampleRun.FailingLine}");
        Case(junit, "live", "HL-GIT-004").Element("error").Should().NotBeNull();
        ((string?)Case(junit, "live", "HL-NODE-002").Element("skipped")!.Attribute("message")).Should().StartWith("inconclusive");
        ((string?)Case(junit, "static", "HL-NET-001").Element("skipped")!.Attribute("message")).Should().Contain($"waived until {SampleRun.ActiveExpiry}");
        ((string?)Case(junit, "static", "HL-GIT-002").Element("failure")!.Attribute("message")).Should().Contain($"waiver expired {SampleRun.ExpiredOn}");
        Case(junit, "static", "HL-CP-001").Elements().Should().BeEmpty("a pass is a bare testcase");
    }

    [Fact]
    public void JUnit_shows_a_rule_the_spec_turns_off_as_skipped_with_the_spec_key()
    {
        var skipped = Case(JUnit(Mixed), "live", "HL-NET-002").Element("skipped")!;

        ((string?)skipped.Attribute("message")).Should().Be($"not applicable: {SampleRun.NotApplicableWhy}");
        skipped.Value.Should().Be($"not applicable {SampleRun.NotApplicableAt.Location}: {SampleRun.NotApplicableWhy}\n", "nothing to remedy");
        Case(JUnit(Mixed), "static", "HL-NET-002").Elements().Should().BeEmpty("the repo side passes");
    }

    [Fact]
    public void JUnit_leaves_out_a_side_that_did_not_run()
    {
        JUnit(SampleRun.Conforming).Root!.Elements("testsuite").Select(s => (string?)s.Attribute("name")).Should().Equal("static");
    }

    // results.sarif

    [Fact]
    public void Sarif_is_valid_against_the_sarif_2_1_0_schema()
    {
        Schemas.SarifErrors(Write("results.sarif", Mixed)).Should().BeEmpty();
        Schemas.SarifErrors(Write("results.sarif", SampleRun.Conforming)).Should().BeEmpty();
    }

    [Fact]
    public void Sarif_has_one_rule_per_rule_with_its_title_claim_and_remediation()
    {
        var rules = Sarif(Mixed)["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
        rules.Select(r => (string?)r!["id"]).Should().Equal(Mixed.Rules.Select(r => r.Id));
        var first = Mixed.Rules[0];
        ((string?)rules[0]!["shortDescription"]!["text"]).Should().Be(first.Title);
        ((string?)rules[0]!["fullDescription"]!["text"]).Should().Be(first.Claim);
        ((string?)rules[0]!["help"]!["text"]).Should().Be(first.Remediation);
    }

    [Fact]
    public void A_failing_rules_sarif_result_carries_its_file_and_line()
    {
        var result = Results(Mixed, "HL-STO-002", "static").Should().ContainSingle().Subject;
        ((string?)result["level"]).Should().Be("error");
        var physical = result["locations"]![0]!["physicalLocation"]!;
        ((string?)physical["artifactLocation"]!["uri"]).Should().Be("fixtures/homelab/" + SampleRun.FailingFile, "paths resolve from the Git work tree root");
        ((string?)physical["artifactLocation"]!["uriBaseId"]).Should().Be(SarifReport.RepoRoot);
        ((int?)physical["region"]!["startLine"]).Should().Be(SampleRun.FailingLine);
        ((int?)physical["region"]!["startColumn"]).Should().BeGreaterThan(0);
        ((string?)Sarif(Mixed)["runs"]![0]!["originalUriBaseIds"]![SarifReport.RepoRoot]!["uri"]).Should().StartWith("file:///").And.EndWith("/");
    }

    [Fact]
    public void A_product_default_noted_near_a_repo_place_points_at_that_place()
    {
        // e.g. Rook's failure domain left unset in a pool: the finding is about the pool's file and line.
        var near = new EvidenceEntry("default", $"{SampleRun.FailingFile}:12 (spec): failureDomain unset, Rook default host")
            { File = SampleRun.FailingFile, Line = 12, Column = 3, YamlPath = "spec" };
        var results = Mixed with
        {
            Rules = Mixed.Rules.Select(r => r.Id == "HL-STO-002"
                ? r with { Static = r.Static! with { Findings = [new FindingEntry("fail", "failure domain is osd", near, "host", "osd")] } }
                : r).ToList(),
        };

        var physical = Results(results, "HL-STO-002", "static").Should().ContainSingle().Subject["locations"]![0]!["physicalLocation"]!;

        ((string?)physical["artifactLocation"]!["uri"]).Should().Be("fixtures/homelab/" + SampleRun.FailingFile);
        ((int?)physical["region"]!["startLine"]).Should().Be(12);
        Schemas.SarifErrors(Write("results.sarif", results)).Should().BeEmpty();
    }

    [Fact]
    public void A_chart_default_points_at_the_HelmRelease_that_leaves_it_to_the_chart()
    {
        // e.g. a pool size the rook-ceph-cluster chart sets: the user fixes it in their HelmRelease.
        var evidence = EvidenceEntry.From(new ChartDefaultEvidence("rook-ceph-cluster", "1.21.0", "cephBlockPools[0].spec.replicated.size")
            { UsedBy = new RepoEvidence(SampleRun.FailingFile, 3, 1, "") });
        var results = Mixed with
        {
            Rules = Mixed.Rules.Select(r => r.Id == "HL-STO-002"
                ? r with { Static = r.Static! with { Findings = [new FindingEntry("fail", "replicated size is 5", evidence, "2..3", "5")] } }
                : r).ToList(),
        };

        evidence.Should().BeEquivalentTo(new { Type = "chart-default", File = SampleRun.FailingFile, Line = 3, Chart = "rook-ceph-cluster", ChartVersion = "1.21.0" });
        evidence.Location.Should().Be($"chart default rook-ceph-cluster 1.21.0 (cephBlockPools[0].spec.replicated.size) for {SampleRun.FailingFile}:3");
        var physical = Results(results, "HL-STO-002", "static").Should().ContainSingle().Subject["locations"]![0]!["physicalLocation"]!;
        ((string?)physical["artifactLocation"]!["uri"]).Should().Be("fixtures/homelab/" + SampleRun.FailingFile);
        ((int?)physical["region"]!["startLine"]).Should().Be(3);
        Schemas.ResultsErrors(Write("results.json", results)).Should().BeEmpty();
    }

    [Fact]
    public void A_live_sarif_result_names_its_object()
    {
        var result = Results(Mixed, "HL-STO-002", "live").Should().ContainSingle().Subject;
        var logical = result["locations"]![0]!["logicalLocations"]![0]!;
        ((string?)logical["fullyQualifiedName"]).Should().Be("CephCluster/rook-ceph/rook-ceph");
        ((string?)logical["kind"]).Should().Be("resource");
        ((string?)logical["properties"]!["field"]).Should().Be("spec.mon.count");
        result["locations"]![0]!["physicalLocation"].Should().BeNull();
    }

    [Fact]
    public void A_rule_the_spec_turns_off_is_a_sarif_result_of_kind_not_applicable()
    {
        var result = Results(Mixed, "HL-NET-002", "live").Should().ContainSingle().Subject;

        ((string?)result["kind"]).Should().Be("notApplicable");
        ((string?)result["level"]).Should().Be("none", "SARIF 2.1.0: a result whose kind is not fail has level none");
        ((string?)result["message"]!["text"]).Should().Be($"live: {SampleRun.NotApplicableWhy}");
        var logical = result["locations"]![0]!["logicalLocations"]![0]!;
        ((string?)logical["fullyQualifiedName"]).Should().Be("architecture.yaml:24 (network.kubeProxy)");
        ((string?)logical["kind"]).Should().Be("spec");
        Results(Mixed, "HL-STO-002", "live").Should().OnlyContain(r => r["kind"] == null, "a failure keeps the default kind, fail");
    }

    [Fact]
    public void Sarif_levels_follow_the_outcome()
    {
        Results(Mixed, "HL-NODE-002", "live").Select(r => (string?)r["level"]).Should().Equal("warning");
        Results(Mixed, "HL-GIT-004", "live").Select(r => (string?)r["level"]).Should().Equal("error");
        Results(Mixed, "HL-CP-001", "static").Should().BeEmpty("a pass has no result");
    }

    // results.json

    [Fact]
    public void Results_json_is_valid_against_its_schema()
    {
        Schemas.ResultsErrors(Write("results.json", Mixed)).Should().BeEmpty();
        Schemas.ResultsErrors(Write("results.json", SampleRun.Conforming)).Should().BeEmpty();
    }

    [Fact]
    public void Results_json_names_the_outcome_not_applicable_and_the_spec_key_as_evidence()
    {
        var json = JsonNode.Parse(Write("results.json", Mixed))!;
        var live = json["rules"]!.AsArray().Single(r => (string?)r!["id"] == "HL-NET-002")!["live"]!;

        ((string?)live["outcome"]).Should().Be("notApplicable");
        var evidence = live["findings"]![0]!["evidence"]!;
        ((string?)evidence["type"]).Should().Be("spec");
        ((string?)evidence["file"]).Should().Be("architecture.yaml");
        ((int?)evidence["line"]).Should().Be(24);
        ((string?)evidence["yamlPath"]).Should().Be("network.kubeProxy");
        ((int?)json["summary"]!["live"]!["notApplicable"]).Should().Be(1);
        ((int?)json["summary"]!["static"]!["notApplicable"]).Should().Be(0);
    }

    [Fact]
    public void The_results_schema_rejects_a_property_the_document_does_not_have()
    {
        var json = JsonNode.Parse(Write("results.json", Mixed))!;
        json["rules"]![0]!["static"]!["findings"]![0]!["evidence"]!["secret"] = "x";
        Schemas.ResultsErrors(json.ToJsonString()).Should().NotBeEmpty();
    }

    // report.md

    [Fact]
    public void Markdown_names_every_rule_in_its_table()
    {
        var markdown = Write("report.md", Mixed);
        foreach (var rule in Mixed.Rules)
            markdown.Should().Contain($"| {rule.Id} |");
    }

    [Fact]
    public void Markdown_gives_the_verdict_evidence_drift_and_run_metadata()
    {
        var markdown = Write("report.md", Mixed);
        markdown.Should().StartWith("## Homelab conformance: NOT CONFORMANT");
        markdown.Should().Contain($"`{SampleRun.FailingFile}:{SampleRun.FailingLine}");
        markdown.Should().Contain("(expected 3, found 2)");
        markdown.Should().Contain("rook-ceph mon count").And.Contain("Drift");
        markdown.Should().Contain(Mixed.Metadata.RepoCommit!).And.Contain(Mixed.Metadata.SpecSha256)
            .And.Contain(Mixed.Metadata.ClusterServer!).And.Contain(Mixed.Metadata.ClusterVersion!);
    }

    [Fact]
    public void Markdown_lists_a_rule_the_spec_turns_off_apart_from_what_did_not_pass()
    {
        var markdown = Write("report.md", Mixed);

        RuleRow(markdown, "HL-NET-002").Should().EndWith("| pass | not applicable |");
        markdown.Should().Contain($"### Not applicable\n\n- HL-NET-002 Cilium replaces kube-proxy (live): {SampleRun.NotApplicableWhy} (`architecture.yaml:24 (network.kubeProxy)`)\n");
        markdown.Should().NotContain("#### HL-NET-002", "nothing is to be fixed");
        markdown.Should().Contain("| not applicable | 0 | 1 |").And.Contain("live: 6 rules (1 pass, 1 fail, 1 inconclusive, 1 not applicable, 1 waived, 1 error)");
    }

    [Fact]
    public void Markdown_of_a_conforming_run_lists_nothing_to_fix()
    {
        var markdown = Write("report.md", SampleRun.Conforming);
        markdown.Should().StartWith("## Homelab conformance: CONFORMANT").And.NotContain("### Not passed");
    }

    [Fact]
    public void Markdown_stays_short_enough_for_a_pull_request_comment()
    {
        var rule = Mixed.Rules.Single(r => r.Id == "HL-STO-002");
        var many = Enumerable.Repeat(rule.Static!.Findings.First(f => f.Outcome == "fail"), 5_000).ToList();
        var huge = Mixed with
        {
            Rules = Mixed.Rules.Select(r => r.Id == rule.Id ? r with { Static = r.Static! with { Findings = many } } : r).ToList(),
            Problems = Enumerable.Repeat(Mixed.Problems[0], 3_000).ToList(),
        };

        var markdown = Write("report.md", huge);

        markdown.Length.Should().BeLessThanOrEqualTo(MarkdownReport.MaxChars);
        markdown.Should().Contain("... and ").And.Contain($"| {rule.Id} |");
    }

    // Waivers in every format

    [Fact]
    public void A_waived_rule_shows_its_expiry_in_every_format()
    {
        RuleRow(Write("report.md", Mixed), "HL-NET-001").Should().Contain($"waived until {SampleRun.ActiveExpiry}");
        ((string?)Case(JUnit(Mixed), "static", "HL-NET-001").Element("skipped")!.Attribute("message")).Should().Contain(SampleRun.ActiveExpiry);
        foreach (var result in Results(Mixed, "HL-NET-001", "static").Concat(Results(Mixed, "HL-NET-001", "live")))
        {
            ((string?)result["level"]).Should().Be("note");
            var suppression = result["suppressions"]![0]!;
            ((string?)suppression["kind"]).Should().Be("external");
            ((string?)suppression["justification"]).Should().Contain(SampleRun.ActiveExpiry);
        }
        var waiver = JsonNode.Parse(Write("results.json", Mixed))!["rules"]!.AsArray().Single(r => (string?)r!["id"] == "HL-NET-001")!["static"]!["waiver"]!;
        ((string?)waiver["expires"]).Should().Be(SampleRun.ActiveExpiry);
        ((bool?)waiver["expired"]).Should().BeFalse();
    }

    [Fact]
    public void An_expired_waiver_shows_as_a_failure_in_every_format()
    {
        RuleRow(Write("report.md", Mixed), "HL-GIT-002").Should().Contain($"**FAIL** (waiver expired {SampleRun.ExpiredOn})");
        Case(JUnit(Mixed), "static", "HL-GIT-002").Element("failure").Should().NotBeNull();
        var results = Results(Mixed, "HL-GIT-002", "static");
        results.Should().NotBeEmpty().And.OnlyContain(r => (string?)r["level"] == "error" && r["suppressions"] == null);
        results.Should().Contain(r => ((string?)r["message"]!["text"])!.Contains($"expired on {SampleRun.ExpiredOn}"));
        var entry = JsonNode.Parse(Write("results.json", Mixed))!["rules"]!.AsArray().Single(r => (string?)r!["id"] == "HL-GIT-002")!["static"]!;
        ((string?)entry["outcome"]).Should().Be("fail");
        ((bool?)entry["waiver"]!["expired"]).Should().BeTrue();
    }

    private static XDocument JUnit(ResultsDocument results) => XDocument.Parse(Write("junit.xml", results));

    private static XElement Case(XDocument junit, string side, string ruleId) =>
        junit.Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == side)
            .Elements("testcase").Single(c => ((string)c.Attribute("name")!).StartsWith(ruleId + " ", StringComparison.Ordinal));

    private static JsonNode Sarif(ResultsDocument results) => JsonNode.Parse(Write("results.sarif", results))!;

    private static List<JsonNode> Results(ResultsDocument results, string ruleId, string side) =>
        Sarif(results)["runs"]![0]!["results"]!.AsArray()
            .Where(r => (string?)r!["ruleId"] == ruleId && (string?)r["properties"]!["side"] == side)
            .Select(r => r!).ToList();

    /// <summary>The rule's row of the rules table (the waiver table has rows starting with the id too).</summary>
    private static string RuleRow(string markdown, string ruleId)
    {
        var rule = Mixed.Rules.Single(r => r.Id == ruleId);
        return markdown.Split('\n').Single(l => l.StartsWith($"| {rule.Id} | {rule.Area} | {rule.Title} |", StringComparison.Ordinal));
    }
}
