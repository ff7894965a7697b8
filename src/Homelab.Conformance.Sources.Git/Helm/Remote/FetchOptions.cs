namespace Homelab.Conformance.Sources.Git.Helm.Remote;

/// <summary>
/// How charts are fetched: the cache folder, per-request timeout and retries, how long a resolved
/// version range stays resolved, and whether the network may be used at all.
/// </summary>
public sealed record FetchOptions
{
    /// <summary>Only the cache and the embedded defaults: no request leaves the machine.</summary>
    public bool Offline { get; init; }

    public string CacheRoot { get; init; } = DefaultCacheRoot();

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra tries after a timeout or a 5xx/429 answer (a refused connection or a 4xx is final).</summary>
    public int Retries { get; init; } = 2;

    /// <summary>How long the version a range resolved to is reused before the index is asked again (Flux re-reads it on its own interval).</summary>
    public TimeSpan ResolvedFor { get; init; } = TimeSpan.FromHours(12);

    /// <summary>The Docker config whose <c>auths</c> give registry credentials, when it exists.</summary>
    public string DockerConfig { get; init; } = Path.Combine(
        Environment.GetEnvironmentVariable("DOCKER_CONFIG") ?? Path.Combine(Home(), ".docker"), "config.json");

    /// <summary>The defaults: online unless <c>HOMELAB_OFFLINE</c> is set (to anything but 0 or empty).</summary>
    public static FetchOptions FromEnvironment() => new() { Offline = IsOfflineByEnvironment() };

    public static bool IsOfflineByEnvironment() => Environment.GetEnvironmentVariable("HOMELAB_OFFLINE") is { Length: > 0 } v && v != "0";

    /// <summary><c>$XDG_CACHE_HOME/homelab-conformance/charts</c>, else <c>~/.cache/homelab-conformance/charts</c>.</summary>
    public static string DefaultCacheRoot() =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Home(), ".cache"), "homelab-conformance", "charts");

    private static string Home() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
