namespace Homelab.Conformance.Sources.Live;

/// <summary>Which version of each kind the server serves, preferred version first, read once per group.</summary>
public sealed class ApiDiscovery(KubeApi api)
{
    private Dictionary<string, List<string>>? _groups;
    private readonly Dictionary<(string Group, string Version), HashSet<string>> _resources = [];

    /// <summary>The version serving the kind's resource, or null when no version does (e.g. its CRD is not installed).</summary>
    public async Task<string?> VersionOf(LiveKind kind, CancellationToken cancel)
    {
        if (kind.Group.Length == 0) return "v1";
        _groups ??= await Groups(cancel).ConfigureAwait(false);
        if (!_groups.TryGetValue(kind.Group, out var versions)) return null;
        foreach (var version in versions)
            if ((await Resources(kind.Group, version, cancel).ConfigureAwait(false)).Contains(kind.Resource)) return version;
        return null;
    }

    private async Task<Dictionary<string, List<string>>> Groups(CancellationToken cancel)
    {
        using var list = await api.GetAsync("/apis", null, cancel).ConfigureAwait(false)
            ?? throw new KubeApiException(System.Net.HttpStatusCode.NotFound, "the server has no /apis: not a Kubernetes API server?");
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var group in list.RootElement.GetProperty("groups").EnumerateArray())
        {
            var preferred = group.TryGetProperty("preferredVersion", out var p) ? p.GetProperty("version").GetString() : null;
            var versions = group.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()!).ToList();
            groups[group.GetProperty("name").GetString()!] = versions.OrderByDescending(v => v == preferred).ToList();
        }
        return groups;
    }

    private async Task<HashSet<string>> Resources(string group, string version, CancellationToken cancel)
    {
        if (_resources.TryGetValue((group, version), out var known)) return known;
        using var list = await api.GetAsync($"/apis/{group}/{version}", null, cancel).ConfigureAwait(false);
        var names = list is null ? [] : list.RootElement.GetProperty("resources").EnumerateArray()
            .Select(r => r.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        return _resources[(group, version)] = names;
    }
}
