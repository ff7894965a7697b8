using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Homelab.Conformance.Sources.Git.Helm.Remote;

/// <summary>
/// The chart cache on disk: each chart's values.yaml keyed by its source, chart and resolved version
/// or digest (immutable, kept for good), and what a version range or tag resolved to (kept for
/// <see cref="FetchOptions.ResolvedFor"/>). A cache that cannot be written only costs requests next time.
/// </summary>
internal sealed class ChartCache(FetchOptions options)
{
    private sealed record Resolution(string Version, string? Digest, DateTimeOffset When);

    public FetchedChart? Values(ChartRequest request, string version, string? digest)
    {
        var folder = Folder(request, version, digest);
        var file = Path.Combine(folder, "values.yaml");
        if (!File.Exists(file)) return null;
        // An artifact cached by digest knows its version from the chart it held.
        var stated = Path.Combine(folder, "version");
        return new FetchedChart(request.Chart, File.Exists(stated) ? File.ReadAllText(stated).Trim() : version, File.ReadAllText(file), $"cache {file}", FromCache: true);
    }

    public void Store(ChartRequest request, string version, string? digest, string values)
    {
        try
        {
            var folder = Folder(request, version, digest);
            Directory.CreateDirectory(folder);
            var temp = Path.Combine(folder, $".values.{Environment.ProcessId}.tmp");
            File.WriteAllText(temp, values);
            File.WriteAllText(Path.Combine(folder, "version"), version);
            File.Move(temp, Path.Combine(folder, "values.yaml"), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not cached: the next run asks the registry again.
        }
    }

    /// <summary>What the request's range or tag resolved to last, when that is recent enough (or whenever, offline).</summary>
    public (string Version, string? Digest)? Resolved(ChartRequest request)
    {
        var file = ResolutionFile(request);
        if (!File.Exists(file)) return null;
        try
        {
            var resolution = JsonSerializer.Deserialize<Resolution>(File.ReadAllText(file));
            if (resolution is null || (!options.Offline && DateTimeOffset.UtcNow - resolution.When > options.ResolvedFor)) return null;
            return (resolution.Version, resolution.Digest);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    public void StoreResolved(ChartRequest request, string version, string? digest)
    {
        try
        {
            var file = ResolutionFile(request);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, JsonSerializer.Serialize(new Resolution(version, digest, DateTimeOffset.UtcNow)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Resolved again next time.
        }
    }

    private string Folder(ChartRequest request, string version, string? digest) =>
        Path.Combine(options.CacheRoot, Safe(request.Chart), Hash($"{request.Source} {digest ?? version}"));

    private string ResolutionFile(ChartRequest request) =>
        Path.Combine(options.CacheRoot, "resolved", Hash($"{request.Source} {request.Digest} {request.Semver} {request.Tag}") + ".json");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
