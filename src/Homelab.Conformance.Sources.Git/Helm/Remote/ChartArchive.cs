using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Homelab.Conformance.Sources.Git.Helm.Remote;

/// <summary>
/// A packaged chart (<c>.tgz</c>): only its top-level <c>values.yaml</c> is read, never a template
/// or any code; a member larger than <see cref="MaxValuesBytes"/> or an archive without one is refused.
/// </summary>
public static class ChartArchive
{
    public const int MaxValuesBytes = 8 * 1024 * 1024;

    /// <summary>The chart's values.yaml text and the version its Chart.yaml states, or null with why.</summary>
    public static (string? Values, string? Version, string? Why) ValuesYaml(byte[] tgz)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(tgz), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            string? values = null, version = null;
            while (tar.GetNextEntry() is { } entry)
            {
                // <chart>/values.yaml and <chart>/Chart.yaml: the chart's own, not a subchart's (<chart>/charts/<sub>/...).
                var parts = entry.Name.TrimStart('.', '/').Split('/');
                if (parts.Length != 2 || parts[1] is not ("values.yaml" or "Chart.yaml") || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                if (entry.Length > MaxValuesBytes) return (null, null, $"its {parts[1]} is larger than {MaxValuesBytes / 1024 / 1024} MB");
                using var text = new StreamReader(entry.DataStream!, Encoding.UTF8);
                if (parts[1] == "values.yaml") values = text.ReadToEnd();
                else version = text.ReadToEnd().Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("version:", StringComparison.Ordinal))?["version:".Length..].Trim().Trim('"', '\'');
            }
            return values is null ? (null, null, "the chart archive holds no values.yaml") : (values, version, null);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            return (null, null, $"the chart archive cannot be read ({e.Message})");
        }
    }
}
