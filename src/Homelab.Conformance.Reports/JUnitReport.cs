using System.Globalization;
using System.Text;

namespace Homelab.Conformance.Reports;

/// <summary>
/// junit.xml, for CI test views: one testsuite per side that ran (static, live), one testcase per
/// rule. A fail is a <c>failure</c>, an error an <c>error</c>; inconclusive, not applicable and
/// waived are <c>skipped</c> with the reason. Valid against the Jenkins xunit-plugin junit-10.xsd.
/// </summary>
/// <remarks>
/// Written by <see cref="JUnitXml"/>, the few lines of XML this file needs, byte for byte as
/// System.Xml.Linq wrote them (indented, <c>\n</c>, UTF-8): loading System.Xml on a cold start cost more
/// than the whole file.
/// </remarks>
public sealed class JUnitReport : IReportWriter
{
    public string FileName => "junit.xml";

    public string Write(ResultsDocument results, IReadOnlyList<ResultsDocument> history)
    {
        var suites = ReportFormatting.Sides.Where(results.Ran).Select(side => Suite(results, side)).ToList();
        var root = new JUnitXml.Element("testsuites",
            [
                ("name", "homelab-conformance"),
                ("tests", Total(suites, "tests")),
                ("failures", Total(suites, "failures")),
                ("errors", Total(suites, "errors")),
                ("time", ReportFormatting.Seconds(results.DurationSeconds)),
            ], suites);
        // The declaration says utf-8, as the file on disk is.
        return JUnitXml.Document(root) + "\n";
    }

    private static string Total(IEnumerable<JUnitXml.Element> suites, string attribute) =>
        suites.Sum(s => int.Parse(s.Attribute(attribute), CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static JUnitXml.Element Suite(ResultsDocument results, string side)
    {
        var rules = results.Rules.Where(r => r.Side(side) is not null).ToList();
        int Outcomes(params string[] outcomes) => rules.Count(r => outcomes.Contains(r.Side(side)!.Outcome));
        var m = results.Metadata;
        var properties = new (string Name, string? Value)[]
        {
            ("runId", results.RunId), ("repoPath", m.RepoPath), ("repoCommit", m.RepoCommit), ("cluster", m.Cluster), ("specPath", m.SpecPath),
            ("specSha256", m.SpecSha256), ("specBuiltIn", m.SpecBuiltIn ? "true" : null), ("specFromDocs", m.SpecFromDocs ? "true" : null), ("clusterServer", m.ClusterServer), ("clusterVersion", m.ClusterVersion), ("toolVersion", m.ToolVersion),
            ("rulesNotRun", m.RulesNotRun is { } notRun ? string.Join(" ", notRun) : null),
        };
        return new JUnitXml.Element("testsuite",
            [
                ("name", side),
                ("tests", Number(rules.Count)),
                ("failures", Number(Outcomes("fail"))),
                ("errors", Number(Outcomes("error"))),
                ("skipped", Number(Outcomes("inconclusive", "notApplicable", "waived"))),
                ("time", ReportFormatting.Seconds(rules.Sum(r => r.Side(side)!.ElapsedMs) / 1000)),
                ("timestamp", results.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            ],
            [
                new JUnitXml.Element("properties", [], properties.Where(p => p.Value is not null)
                    .Select(p => new JUnitXml.Element("property", [("name", p.Name), ("value", Clean(p.Value!))], [])).ToList()),
                .. rules.Select(r => Case(r, r.Side(side)!)),
            ]);
    }

    private static JUnitXml.Element Case(RuleEntry rule, RuleOutcome outcome)
    {
        var children = new List<JUnitXml.Element>();
        var testcase = new JUnitXml.Element("testcase",
            [("classname", rule.Area), ("name", Clean($"{rule.Id} {rule.Title}")), ("time", ReportFormatting.Seconds(outcome.ElapsedMs / 1000))],
            children);
        var findings = outcome.NonPass().ToList();
        var first = findings.FirstOrDefault()?.Text() ?? outcome.Outcome;
        var more = findings.Count > 1 ? $" (+{findings.Count - 1} more)" : "";
        var lines = string.Join("\n", findings.Select(f => $"{ReportFormatting.Label(f.Outcome)} {f.Line()}"));
        var body = lines + $"\n\nRemediation: {rule.Remediation}\n";
        switch (outcome.Outcome)
        {
            case "fail":
                // An expired waiver is named in the message: it is why a known exception fails again.
                var expired = string.Concat(outcome.Waivers().Where(w => w.Expired).Select(w => $"{w.Describe()}; "));
                children.Add(new JUnitXml.Element("failure", [("message", Clean(expired + first + more)), ("type", "fail")], Clean(body)));
                break;
            case "error":
                children.Add(new JUnitXml.Element("error", [("message", Clean(first + more)), ("type", "error")], Clean(body)));
                break;
            case "waived":
                children.Add(new JUnitXml.Element("skipped", [("message", Clean(string.Join("; ", outcome.Waivers().Select(w => w.Describe()))))], Clean(body)));
                break;
            case "inconclusive":
                children.Add(new JUnitXml.Element("skipped", [("message", Clean($"inconclusive: {first}{more}"))], Clean(body)));
                break;
            case "notApplicable":
                // Nothing to remedy: the spec itself turns the requirement off.
                children.Add(new JUnitXml.Element("skipped", [("message", Clean($"not applicable: {first}{more}"))], Clean(lines + "\n")));
                break;
        }
        return testcase;
    }

    /// <summary>Drops characters XML 1.0 cannot hold (control characters), which a message could carry from a malformed file.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (JUnitXml.IsXmlChar(text[i])) clean.Append(text[i]);
            else if (i + 1 < text.Length && char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1])) clean.Append(text, i++, 2);
        }
        return clean.ToString();
    }
}
