using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Helm.Remote;

/// <summary>Where Flux gets a chart from: an HTTP(S) Helm repository, an OCI Helm repository, or an OCIRepository artifact.</summary>
public enum ChartSourceKind { HelmHttp, HelmOci, OciArtifact }

/// <summary>
/// One chart as a HelmRelease asks for it: its source's URL and how the version is chosen (a semver
/// range, a tag, a digest: an OCIRepository's digest wins over its semver, which wins over its tag,
/// as Flux decides). <see cref="At"/> is the HelmRelease, where a fetch problem is reported.
/// </summary>
public sealed record ChartRequest(string Chart, ChartSourceKind Kind, string Url, Evidence At)
{
    public string? Semver { get; init; }
    public string? Tag { get; init; }
    public string? Digest { get; init; }

    /// <summary>The source's <c>spec.insecure</c>: plain HTTP to an OCI registry.</summary>
    public bool Insecure { get; init; }

    /// <summary>The CA certificates (PEM) of the source's <c>certSecretRef</c>, trusted beside the system's roots, as Flux does.</summary>
    public string? CaPem { get; init; }

    /// <summary>Why the source's CA is not known (its Secret is encrypted, or not in the repo), said if the certificate is then not trusted.</summary>
    public string? CaUnknown { get; init; }

    /// <summary>The layer an OCIRepository takes (<c>layerSelector.mediaType</c>); Helm's chart layer by default.</summary>
    public string LayerMediaType { get; init; } = HelmChartLayer;

    public const string HelmChartLayer = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    public ChartRequest Trusting((string? Pem, string? Unknown) ca) => this with { CaPem = ca.Pem, CaUnknown = ca.Unknown };

    /// <summary>What the request asks for, as a user wrote it: <c>cilium ^1.19.0</c>.</summary>
    public string Asked => $"{Chart} {Digest ?? Semver ?? Tag ?? "(latest)"}";

    /// <summary>The cache key of everything that decides which artifact this is, before it is resolved.</summary>
    public string Source => $"{Kind} {Url} {Chart}";
}

/// <summary>A chart's default values fetched or read from the cache, with the version they are of.</summary>
public sealed record FetchedChart(string Chart, string Version, string ValuesYaml, string From, bool FromCache);
