using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Homelab.Conformance.Reports;

/// <summary>
/// junit.xml, for CI test views: one testsuite per side that ran (static, live), one testcase per
/// rule. A fail is a <c>failure</c>, an error an <c>error</c>; inconclusive, not applicable and
/// waived are <c>skipped</c> with the reason. Valid against the Jenkins xunit-plugin junit-10.xsd.
/// </summary>
public sealed class JUnitReport : IReportWriter
{
    public string FileName => "junit.xml";

    public string Write(ResultsDocument results, IReadOnlyList<ResultsDocument> history)
    {
        var suites = ReportFormatting.Sides.Where(results.Ran).Select(side => Suite(results, side)).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", "homelab-conformance"),
            new XAttribute("tests", suites.Sum(s => Count(s, "tests"))),
            new XAttribute("failures", suites.Sum(s => Count(s, "failures"))),
            new XAttribute("errors", suites.Sum(s => Count(s, "errors"))),
            new XAttribute("time", ReportFormatting.Seconds(results.DurationSeconds)),
            suites);
        // Written through a UTF-8 stream so the declaration says utf-8, as the file on disk is.
        using var bytes = new MemoryStream();
        using (var writer = XmlWriter.Create(bytes, new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) }))
            new XDocument(root).Save(writer);
        return Encoding.UTF8.GetString(bytes.ToArray()) + "\n";
    }

    private static XElement Suite(ResultsDocument results, string side)
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
        return new XElement("testsuite",
            new XAttribute("name", side),
            new XAttribute("tests", rules.Count),
            new XAttribute("failures", Outcomes("fail")),
            new XAttribute("errors", Outcomes("error")),
            new XAttribute("skipped", Outcomes("inconclusive", "notApplicable", "waived")),
            new XAttribute("time", ReportFormatting.Seconds(rules.Sum(r => r.Side(side)!.ElapsedMs) / 1000)),
            new XAttribute("timestamp", results.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties", properties.Where(p => p.Value is not null)
                .Select(p => new XElement("property", new XAttribute("name", p.Name), new XAttribute("value", Clean(p.Value!))))),
            rules.Select(r => Case(r, r.Side(side)!)));
    }

    private static XElement Case(RuleEntry rule, RuleOutcome outcome)
    {
        var testcase = new XElement("testcase",
            new XAttribute("classname", rule.Area),
            new XAttribute("name", Clean($"{rule.Id} {rule.Title}")),
            new XAttribute("time", ReportFormatting.Seconds(outcome.ElapsedMs / 1000)));
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
                testcase.Add(new XElement("failure", new XAttribute("message", Clean(expired + first + more)), new XAttribute("type", "fail"), Clean(body)));
                break;
            case "error":
                testcase.Add(new XElement("error", new XAttribute("message", Clean(first + more)), new XAttribute("type", "error"), Clean(body)));
                break;
            case "waived":
                testcase.Add(new XElement("skipped", new XAttribute("message", Clean(string.Join("; ", outcome.Waivers().Select(w => w.Describe())))), Clean(body)));
                break;
            case "inconclusive":
                testcase.Add(new XElement("skipped", new XAttribute("message", Clean($"inconclusive: {first}{more}")), Clean(body)));
                break;
            case "notApplicable":
                // Nothing to remedy: the spec itself turns the requirement off.
                testcase.Add(new XElement("skipped", new XAttribute("message", Clean($"not applicable: {first}{more}")), Clean(lines + "\n")));
                break;
        }
        return testcase;
    }

    private static int Count(XElement suite, string attribute) => (int)suite.Attribute(attribute)!;

    /// <summary>Drops characters XML 1.0 cannot hold (control characters), which a message could carry from a malformed file.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) clean.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) clean.Append(text, i++, 2);
        }
        return clean.ToString();
    }
}
