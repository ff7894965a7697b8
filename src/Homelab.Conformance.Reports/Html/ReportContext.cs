using System.Globalization;

namespace Homelab.Conformance.Reports.Html;

/// <summary>What every section of the page reads: this run, the earlier runs, and how evidence links.</summary>
internal sealed record ReportContext(ResultsDocument Results, IReadOnlyList<ResultsDocument> History, EvidenceLinks Links)
{
    public bool HasStatic => Results.Rules.Any(r => r.Static is not null);

    public bool HasLive => Results.Rules.Any(r => r.Live is not null);

    /// <summary>The areas in the catalogue's order, then any other area the results name.</summary>
    public IReadOnlyList<string> Areas =>
        Enum.GetNames<Rules.Area>().Concat(Results.Rules.Select(r => r.Area)).Distinct(StringComparer.Ordinal).ToList();

    public static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
