using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Semver;

namespace Homelab.Conformance.Sources.Git.Helm;

/// <summary>
/// Default values of the charts the rules read, kept as versioned data beside the code
/// (ChartDefaults/&lt;chart&gt;/&lt;version&gt;.yaml). A version constraint such as <c>^1.19.1</c>
/// picks the newest data that satisfies it; a chart's own values.yaml can replace the data.
/// </summary>
public sealed class ChartDefaults
{
    private readonly Dictionary<string, List<(SemVersion Version, string Text)>> _embedded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _overrides;

    private readonly Remote.RemoteCharts? _remote;

    /// <param name="overrides">Chart name to the path of that chart's own values.yaml.</param>
    /// <param name="remote">Where charts are fetched from when the embedded data is not the version Flux installs; null: embedded data only.</param>
    public ChartDefaults(IReadOnlyDictionary<string, string>? overrides = null, Remote.RemoteCharts? remote = null)
    {
        _remote = remote;
        _overrides = overrides?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? [];
        var assembly = typeof(ChartDefaults).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("ChartDefaults/", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            var parts = name.Split('/');
            if (parts.Length != 3 || !SemVersion.TryParse(parts[2][..^5].TrimStart('v'), SemVersionStyles.Any, out var version)) continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var list = _embedded.TryGetValue(parts[1], out var l) ? l : _embedded[parts[1]] = [];
            list.Add((version, reader.ReadToEnd()));
        }
    }

    public IEnumerable<string> Charts => _embedded.Keys.Concat(_overrides.Keys).Distinct().Order(StringComparer.Ordinal);

    public IEnumerable<SemVersion> Versions(string chart) =>
        _embedded.TryGetValue(chart, out var list) ? list.Select(v => v.Version).OrderByDescending(v => v, SemVersion.SortOrderComparer) : [];

    /// <summary>
    /// The defaults for a chart and version constraint, or null when none is known. With
    /// <paramref name="usedBy"/> (the HelmRelease taking them), each value's evidence points there too.
    /// </summary>
    public (MapNode Values, string Version)? Find(string chart, string? constraint, Evidence? usedBy = null)
    {
        if (_overrides.TryGetValue(chart, out var path))
            return Parse(chart, path, File.ReadAllText(path), usedBy) is { } own ? (own, path) : null;
        if (!_embedded.TryGetValue(chart, out var versions)) return null;
        var range = Range(constraint);
        var match = versions.Where(v => range is null || range.Contains(v.Version))
            .OrderByDescending(v => v.Version, SemVersion.SortOrderComparer).FirstOrDefault();
        if (match.Text is null) return null;
        var label = match.Version.ToString();
        return Parse(chart, label, match.Text, usedBy) is { } values ? (values, label) : null;
    }

    /// <summary>
    /// The defaults of the chart Flux would install for <paramref name="request"/>: a chart's own
    /// values file given by the user; the embedded data when it is that exact version; else the chart
    /// fetched (or from the cache). Offline, the cache, then the embedded data's newest match. Null
    /// with why when none is known. <c>Fetched</c>: the version is the one the chart's source resolved.
    /// </summary>
    public ((MapNode Values, string Version)? Found, string? Why, bool Fetched) Find(Remote.ChartRequest request, string? constraint, Evidence usedBy)
    {
        var chart = request.Chart;
        if (_overrides.ContainsKey(chart) || _remote is null) return (Find(chart, constraint, usedBy), null, false);
        if (Exact(constraint) is { } exact && _embedded.TryGetValue(chart, out var versions) && versions.Any(v => v.Version == exact))
            return (Find(chart, constraint, usedBy), null, false);
        var (fetched, why) = _remote.Fetch(request);
        if (fetched is not null)
            return Parse(chart, fetched.Version, fetched.ValuesYaml, usedBy) is { } values ? ((values, fetched.Version), null, true) : (null, $"{fetched.From}: values.yaml is not a YAML mapping", false);
        if (_remote.Options.Offline) return Find(chart, constraint, usedBy) is { } embedded ? (embedded, null, false) : (null, why, false);
        return (null, why, false);
    }

    /// <summary>The version a constraint pins exactly (a leading v dropped); null for a range or none.</summary>
    public static SemVersion? Exact(string? constraint) =>
        SemVersion.TryParse(constraint?.TrimStart('v') ?? "", SemVersionStyles.Strict, out var exact) ? exact : null;

    /// <summary>Helm's constraints read as npm ranges: commas become spaces, a leading v is dropped.</summary>
    public static SemVersionRange? Range(string? constraint)
    {
        if (string.IsNullOrWhiteSpace(constraint) || constraint.Trim() == "*") return null;
        var npm = string.Join(' ', constraint.Replace(",", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.TrimStart('v')).Select(t => t.Length > 1 && t[0] is '>' or '<' or '=' or '~' or '^' && t[1] == 'v' ? t[0] + t[2..] : t));
        return SemVersionRange.TryParseNpm(npm, includeAllPrerelease: false, out var range) ? range : null;
    }

    private static MapNode? Parse(string chart, string version, string text, Evidence? usedBy)
    {
        var (documents, _) = YamlReader.Read($"{chart}/{version}", text, (_, _, path) => new ChartDefaultEvidence(chart, version, path) { UsedBy = usedBy });
        return documents.FirstOrDefault()?.Root as MapNode;
    }
}
