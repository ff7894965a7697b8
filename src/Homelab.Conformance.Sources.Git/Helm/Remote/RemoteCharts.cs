using System.Security.Cryptography;
using System.Text.Json;
using Homelab.Conformance.Documents;
using Semver;

namespace Homelab.Conformance.Sources.Git.Helm.Remote;

/// <summary>
/// Resolves the chart Flux would install and reads its default values, never running chart code:
/// from an HTTP(S) Helm repository (<c>index.yaml</c>, the highest version its semver range
/// matches, then the <c>.tgz</c>), or through the OCI distribution API (an OCI HelmRepository, or
/// an OCIRepository by digest, semver or tag). Each chart is fetched once per run and cached on
/// disk; offline, only the cache answers.
/// </summary>
public sealed class RemoteCharts(FetchOptions options) : IDisposable
{
    private readonly ChartHttp _http = new(options);
    private readonly ChartCache _cache = new(options);
    private readonly Dictionary<string, (FetchedChart? Chart, string? Why)> _run = new(StringComparer.Ordinal);

    // A repository's index.yaml, fetched once in a run however many of its charts are asked for.
    private readonly Dictionary<string, HttpAnswer> _indexes = new(StringComparer.Ordinal);

    public FetchOptions Options => options;

    /// <summary>Told of each chart fetched over the network, as the fetch starts (a request may wait up to the timeout).</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Requests made so far (0 when every chart came from the cache).</summary>
    public int Requests => _http.Requests;

    /// <summary>Milliseconds spent per chart fetched over the network in this run, for <c>--stats</c>.</summary>
    public Dictionary<string, double> ColdFetchMs { get; } = new(StringComparer.Ordinal);

    /// <summary>The chart's default values, or null with why (a sentence fragment: "registry unreachable (...)").</summary>
    public (FetchedChart? Chart, string? Why) Fetch(ChartRequest request)
    {
        var key = $"{request.Source} {request.Digest} {request.Semver} {request.Tag}";
        if (_run.TryGetValue(key, out var known)) return known;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var before = _http.Requests;
        var result = Resolve(request);
        if (_http.Requests > before) ColdFetchMs[request.Asked] = clock.Elapsed.TotalMilliseconds;
        return _run[key] = result;
    }

    private (FetchedChart?, string?) Resolve(ChartRequest request)
    {
        if (_cache.Resolved(request) is var (version, digest) && _cache.Values(request, version, digest) is { } cached) return (cached, null);
        if (options.Offline) return (null, "not in the chart cache, and the run is offline (--offline or HOMELAB_OFFLINE)");
        if (request.CaPem is { } ca) _http.Trust(request.Url, ca);
        Progress?.Report($"fetching chart {request.Asked} from {request.Url}");
        var (chart, why) = request.Kind == ChartSourceKind.HelmHttp ? FromIndex(request) : FromRegistry(request);
        // An untrusted certificate behind a CA the repo names but this run cannot read: say which.
        return why is not null && request.CaUnknown is { } unknown && why.Contains(ChartHttp.Untrusted, StringComparison.Ordinal)
            ? (null, $"{why}: {unknown}") : (chart, why);
    }

    // ---- HTTP(S) Helm repositories ------------------------------------------------------------

    private (FetchedChart?, string?) FromIndex(ChartRequest request)
    {
        var baseUrl = request.Url.TrimEnd('/');
        if (!_indexes.TryGetValue(baseUrl, out var index))
            _indexes[baseUrl] = index = _http.Get($"{baseUrl}/index.yaml", "application/x-yaml", "text/yaml", "*/*");
        if (!index.Ok) return (null, $"repository {request.Url} {index.Failure}");
        var (documents, problem) = YamlReader.Read($"{baseUrl}/index.yaml", ChartHttp.Text(index.Body!), (_, _, _) => new Provenance.AbsenceEvidence("index", baseUrl));
        if (problem is not null || documents.FirstOrDefault()?.Root?.List($"entries[\"{request.Chart}\"]") is not { } entries)
            return (null, problem is null ? $"repository {request.Url} has no chart {request.Chart}" : $"repository {request.Url} has an index.yaml that is not YAML");
        var pick = Highest(entries.Items.OfType<MapNode>().Select(e => (e, e.Text("version") ?? "")), request.Semver ?? request.Tag);
        if (pick is not var (entry, picked)) return (null, $"repository {request.Url} has no version of {request.Chart} matching {request.Semver ?? "any"}");
        var version = picked.ToString();
        _cache.StoreResolved(request, version, null);
        if (_cache.Values(request, version, null) is { } cached) return (cached, null);
        if (entry.List("urls")?.Items.OfType<ScalarNode>().FirstOrDefault()?.Value is not { } url) return (null, $"repository {request.Url} lists no URL for {request.Chart} {version}");
        var archiveUrl = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.ToString() : $"{baseUrl}/{url.TrimStart('/')}";
        var archive = _http.Get(archiveUrl, "application/gzip", "application/octet-stream", "*/*");
        if (!archive.Ok) return (null, $"chart archive {archiveUrl} {archive.Failure}");
        return Unpacked(request, version, null, archive.Body!, archiveUrl);
    }

    // ---- OCI registries -------------------------------------------------------------------------

    private (FetchedChart?, string?) FromRegistry(ChartRequest request)
    {
        if (!request.Url.StartsWith("oci://", StringComparison.Ordinal)) return (null, $"{request.Url} is not an oci:// URL");
        var location = request.Url["oci://".Length..].TrimEnd('/');
        if (request.Kind == ChartSourceKind.HelmOci) location += "/" + request.Chart;
        var slash = location.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return (null, $"{request.Url} names no repository");
        var registry = $"{(request.Insecure ? "http" : "https")}://{location[..slash]}/v2/{location[(slash + 1)..]}";

        string reference;
        string? version = null;
        if (request.Digest is { } digest) reference = digest;
        else if (request.Semver is not null || (request.Kind == ChartSourceKind.HelmOci && request.Tag is null))
        {
            var tags = _http.Get($"{registry}/tags/list", "application/json");
            if (!tags.Ok) return (null, $"registry {request.Url} {tags.Failure}");
            var picked = HighestTag(tags.Body!, request.Semver);
            if (picked is null) return (null, $"registry {request.Url} has no tag matching {request.Semver ?? "a release version"}");
            (reference, version) = (picked, picked.Replace('_', '+'));
        }
        else (reference, version) = (request.Tag!, request.Tag!);

        var manifest = _http.Get($"{registry}/manifests/{reference}", "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json");
        if (!manifest.Ok) return (null, $"registry {request.Url} {manifest.Failure} for {reference}");
        var layerDigest = Layer(manifest.Body!, request.LayerMediaType);
        if (layerDigest is null) return (null, $"the artifact {request.Url}@{reference} has no layer of type {request.LayerMediaType}");
        var manifestDigest = request.Digest ?? $"sha256:{Convert.ToHexStringLower(SHA256.HashData(manifest.Body!))}";
        _cache.StoreResolved(request, version ?? manifestDigest, manifestDigest);
        if (_cache.Values(request, version ?? manifestDigest, manifestDigest) is { } cached)
        {
            _cache.StoreResolved(request, cached.Version, manifestDigest);
            return (cached, null);
        }
        var blob = _http.Get($"{registry}/blobs/{layerDigest}", "application/octet-stream", "*/*");
        if (!blob.Ok) return (null, $"registry {request.Url} {blob.Failure} for layer {layerDigest}");
        if (layerDigest.StartsWith("sha256:", StringComparison.Ordinal) && $"sha256:{Convert.ToHexStringLower(SHA256.HashData(blob.Body!))}" != layerDigest)
            return (null, $"the layer {layerDigest} of {request.Url} does not match its digest");
        return Unpacked(request, version ?? manifestDigest, manifestDigest, blob.Body!, $"{request.Url}@{reference}");
    }

    /// <summary>The highest tag a range matches (Helm writes <c>+</c> of a version as <c>_</c> in a tag); without a range, the highest release.</summary>
    private static string? HighestTag(byte[] body, string? semver)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array) return null;
            return Highest(tags.EnumerateArray().Select(t => t.GetString()).OfType<string>().Select(t => (t, t.Replace('_', '+'))), semver)?.Item;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The item of the highest version a range matches, as Flux picks one (Masterminds semver): a
    /// pre-release only when the range names one; without a range, the highest release.
    /// </summary>
    private static (T Item, SemVersion Version)? Highest<T>(IEnumerable<(T Item, string Version)> items, string? constraint)
    {
        var range = ChartDefaults.Range(constraint);
        var best = items.Select(i => (i.Item, Version: SemVersion.TryParse(i.Version.TrimStart('v'), SemVersionStyles.Any, out var v) ? v : null))
            .Where(i => i.Version is not null && (range?.Contains(i.Version) ?? !i.Version.IsPrerelease))
            .OrderByDescending(i => i.Version!, SemVersion.PrecedenceComparer).FirstOrDefault();
        return best.Version is null ? null : (best.Item, best.Version);
    }

    private static string? Layer(byte[] manifest, string mediaType)
    {
        try
        {
            using var json = JsonDocument.Parse(manifest);
            if (!json.RootElement.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array) return null;
            foreach (var layer in layers.EnumerateArray())
                if (layer.TryGetProperty("mediaType", out var type) && type.GetString() == mediaType) return layer.GetProperty("digest").GetString();
            return null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private (FetchedChart?, string?) Unpacked(ChartRequest request, string version, string? digest, byte[] archive, string from)
    {
        var (values, stated, why) = ChartArchive.ValuesYaml(archive);
        if (values is null) return (null, $"{from}: {why}");
        // A digest names no version: the chart's own Chart.yaml does.
        if (digest is not null && version == digest && stated is not null)
        {
            version = stated;
            _cache.StoreResolved(request, version, digest);
        }
        _cache.Store(request, version, digest, values);
        return (new FetchedChart(request.Chart, version, values, from, FromCache: false), null);
    }

    public void Dispose() => _http.Dispose();
}
