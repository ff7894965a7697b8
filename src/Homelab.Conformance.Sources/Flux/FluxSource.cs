using System.Runtime.CompilerServices;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// A Flux source: a GitRepository, OCIRepository, HelmRepository, Bucket or HelmChart
/// (source.toolkit.fluxcd.io), or an ExternalArtifact (source.extensions.fluxcd.io): where it
/// fetches from (<see cref="Url"/>, <see cref="Ref"/>), and for a HelmChart, which chart.
/// </summary>
public sealed record FluxSource(ObjectRef Id, Evidence Origin)
{
    private static readonly ConditionalWeakTable<KubeObject, FluxParseResult<FluxSource>> Parsed = new();

    public string Kind => Id.Kind;

    /// <summary><c>spec.url</c> (not on a HelmChart or an ExternalArtifact).</summary>
    public Fact<string>? Url { get; init; }

    /// <summary><c>spec.ref</c>: the revision a GitRepository or OCIRepository fetches.</summary>
    public FluxRevision? Ref { get; init; }

    /// <summary>A HelmChart's own spec: chart, version and source; null for other kinds.</summary>
    public FluxChartSpec? Chart { get; init; }

    /// <summary>A HelmRepository's <c>spec.type</c>: <c>oci</c> for a chart registry, else an HTTP(S) index.</summary>
    public string? Type { get; init; }

    /// <summary><c>spec.insecure</c>: plain HTTP to the registry.</summary>
    public Fact<bool>? Insecure { get; init; }

    /// <summary>An OCIRepository's <c>spec.layerSelector.mediaType</c>: the layer it takes from the artifact.</summary>
    public string? LayerMediaType { get; init; }

    /// <summary><c>spec.certSecretRef</c>: the Secret, in the source's namespace, whose <c>ca.crt</c> Flux trusts beside the system's roots.</summary>
    public FluxObjectRef? CertSecretRef { get; init; }

    public static bool Is(KubeObject o) =>
        o.Group is FluxGroups.Source or FluxGroups.SourceExtensions && FluxGroups.SourceKinds.Contains(o.Kind);

    /// <summary>The object's view, read once however many readers ask.</summary>
    public static FluxParseResult<FluxSource> Parse(KubeObject o) =>
        Is(o) ? Parsed.GetValue(o, Read) : throw new ArgumentException($"{o.Ref} is not a Flux source", nameof(o));

    private static FluxParseResult<FluxSource> Read(KubeObject o)
    {
        var fields = new FluxFields(o);
        var spec = fields.Spec();
        var revision = fields.Map(spec, "ref");
        return fields.Result(new FluxSource(o.Ref, o.Origin)
        {
            Url = fields.Text(spec, "url"),
            Ref = revision is null ? null : new FluxRevision(
                fields.Known(revision, "branch"), fields.Known(revision, "tag"), fields.Known(revision, "semver"),
                fields.Known(revision, "commit"), fields.Known(revision, "digest"), revision.Origin),
            Chart = o.Kind == "HelmChart" ? FluxChartSpec.Read(fields, spec) : null,
            Type = fields.Known(spec, "type"),
            Insecure = fields.Bool(spec, "insecure"),
            LayerMediaType = fields.Map(spec, "layerSelector") is { } layer ? fields.Known(layer, "mediaType") : null,
            CertSecretRef = fields.Ref(spec, "certSecretRef", FluxRefParts.Name),
        });
    }
}
