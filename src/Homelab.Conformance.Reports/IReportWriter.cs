namespace Homelab.Conformance.Reports;

/// <summary>One report format, written from the results document into a run's folder.</summary>
public interface IReportWriter
{
    /// <summary>The file it writes in the run folder, e.g. <c>report.html</c>.</summary>
    string FileName { get; }

    /// <summary>The file's content. <paramref name="history"/> holds earlier runs' results, oldest first, for trends.</summary>
    string Write(ResultsDocument results, IReadOnlyList<ResultsDocument> history);
}
