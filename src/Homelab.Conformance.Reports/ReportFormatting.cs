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

    /// <summary>The message with expected and found, when the rule gave them, and the waiver of its object that matched it.</summary>
    public static string Text(this FindingEntry finding)
    {
        var text = finding.Expected is null && finding.Found is null
            ? finding.Message
            : $"{finding.Message} (expected {finding.Expected ?? "-"}, found {finding.Found ?? "-"})";
        return finding.Waiver is { } waiver ? $"{text} [{waiver.Describe()}]" : text;
    }

    /// <summary>One line: where, then what.</summary>
    public static string Line(this FindingEntry finding) => $"{finding.Evidence.Location}: {finding.Text()}";

    /// <summary>A waiver in a few words; an expired one says so, since it no longer hides the failure.</summary>
    public static string Describe(this WaiverEntry waiver)
    {
        var on = waiver.Object is null ? "" : $" for {waiver.Object}";
        return waiver.Expired ? $"waiver{on} expired {waiver.Expires} ({waiver.Reason})" : $"waived{on} until {waiver.Expires} ({waiver.Reason})";
    }

    /// <summary>Every waiver that applied to a side: the rule's own, then those of the objects its findings are on, each once.</summary>
    public static IReadOnlyList<WaiverEntry> Waivers(this RuleOutcome outcome) =>
        new[] { outcome.Waiver }.Concat(outcome.Findings.Select(f => f.Waiver)).OfType<WaiverEntry>().Distinct().ToList();

    /// <summary>
    /// What a side's waivers did, for the waiver tables: an expired one fails again, an active one
    /// hides a failure, or hides nothing (it may be time to remove it).
    /// </summary>
    public static string Status(this WaiverEntry waiver, IEnumerable<RuleOutcome> sides) =>
        waiver.Expired ? (waiver.Object is null ? "EXPIRED: the rule fails" : "EXPIRED: the object's findings fail")
        : sides.Any(s => waiver.Object is null ? s.Outcome == "waived" && s.Waiver == waiver : s.Findings.Any(f => f.Outcome == "waived" && f.Waiver == waiver)) ? "active"
        : "active, not needed";

    /// <summary>Seconds with three decimals and a dot, whatever the culture.</summary>
    public static string Seconds(double seconds) => Math.Max(0, seconds).ToString("0.000", CultureInfo.InvariantCulture);
}
