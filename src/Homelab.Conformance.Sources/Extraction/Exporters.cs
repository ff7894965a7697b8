using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Extraction;

/// <summary>
/// Where an Alloy config sends telemetry: the <c>endpoint</c> and <c>url</c> attributes of its
/// exporters (<c>otelcol.exporter.*</c>, <c>prometheus.remote_write</c>, <c>loki.write</c>), read the
/// same way from the repo's config file and the cluster's ConfigMap. An address taken from an
/// expression (<c>sys.env("...")</c>) is not known offline.
/// </summary>
public static partial class Exporters
{
    public static IEnumerable<Fact<string>> InAlloyConfig(ScalarNode config, Evidence start)
    {
        if (!config.IsKnown || config.Value is null) yield break;
        var lines = config.Value.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (Endpoint().Match(lines[i]) is not { Success: true } m) continue;
            var at = start is RepoEvidence r ? r with { Line = r.Line + i, Column = 1, YamlPath = "" } : start;
            var value = m.Groups[2].Value.Trim();
            yield return value.StartsWith('"') && value.EndsWith('"') && value.Length >= 2
                ? new Fact<string>(value[1..^1], at)
                : Fact<string>.NotKnown(at, $"{m.Groups[1].Value} is set by the expression {value}");
        }
    }

    [GeneratedRegex("""^\s*(endpoint|url)\s*=\s*(.+?)\s*$""")]
    private static partial Regex Endpoint();
}
