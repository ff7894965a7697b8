using System.Globalization;

namespace Homelab.Conformance.Reports;

/// <summary>What the text formats (Markdown, JUnit, SARIF) share, so they word a finding the same way.</summary>
internal static class ReportFormatting
{
    /// <summary>The two sides a rule can be judged on, in the order reports show them.</summary>
    public static readonly string[] Sides = ["static", "live"];

    public static RuleOutcome? Side(this RuleEntry rule, string side) => side == "static" ? rule.Static : rule.Live;

    /// <summary>A side ran when at least one rule has an outcome for it (the summary counts zeros for a side that did not).</summary>
    public static bool Ran(this ResultsDocument results, string side) => results.Rules.Any(r => r.Side(side) is not null);

    /// <summary>An outcome in words, for a person: <c>notApplicable</c> reads "not applicable".</summary>
    public static string Label(string outcome) => outcome == "notApplicable" ? "not applicable" : outcome;

    /// <summary>The findings a reader must see: every one that did not pass.</summary>
    public static IEnumerable<FindingEntry> NonPass(this RuleOutcome outcome) => outcome.Findings.Where(f => f.Outcome != "pass");

    /// <summary>The message with expected and found, when the rule gave them.</summary>
    public static string Text(this FindingEntry finding) =>
        finding.Expected is null && finding.Found is null
            ? finding.Message
            : $"{finding.Message} (expected {finding.Expected ?? "-"}, found {finding.Found ?? "-"})";

    /// <summary>One line: where, then what.</summary>
    public static string Line(this FindingEntry finding) => $"{finding.Evidence.Location}: {finding.Text()}";

    /// <summary>A waiver in a few words; an expired one says so, since it no longer hides the failure.</summary>
    public static string Describe(this WaiverEntry waiver) =>
        waiver.Expired ? $"waiver expired {waiver.Expires} ({waiver.Reason})" : $"waived until {waiver.Expires} ({waiver.Reason})";

    /// <summary>Seconds with three decimals and a dot, whatever the culture.</summary>
    public static string Seconds(double seconds) => Math.Max(0, seconds).ToString("0.000", CultureInfo.InvariantCulture);
}
