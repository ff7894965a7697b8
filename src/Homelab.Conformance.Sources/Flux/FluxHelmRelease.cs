using System.Runtime.CompilerServices;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// A Flux <c>HelmRelease</c> (helm.toolkit.fluxcd.io, any version) as the readers use it: its chart
/// (<see cref="Chart"/>, or <see cref="ChartRef"/> to an OCIRepository or HelmChart), its values in
/// Flux's order (<see cref="ValuesFrom"/>, then <see cref="Values"/>), where it installs, and its
/// dependencies. Each field keeps its node's evidence; absent fields are null or empty.
/// </summary>
public sealed record FluxHelmRelease(ObjectRef Id, Evidence Origin)
{
    private static readonly ConditionalWeakTable<KubeObject, FluxParseResult<FluxHelmRelease>> Parsed = new();

    /// <summary><c>spec.chart.spec</c>.</summary>
    public FluxChartSpec? Chart { get; init; }

    /// <summary><c>spec.chartRef</c>: an OCIRepository or HelmChart by kind, name and namespace.</summary>
    public FluxObjectRef? ChartRef { get; init; }

    public IReadOnlyList<FluxValuesReference> ValuesFrom { get; init; } = [];

    /// <summary><c>spec.values</c>, laid over everything else.</summary>
    public MapNode? Values { get; init; }

    /// <summary><c>spec.dependsOn</c>: HelmReleases by name and namespace.</summary>
    public IReadOnlyList<FluxObjectRef> DependsOn { get; init; } = [];

    /// <summary><c>spec.targetNamespace</c>: where the chart installs, when not the release's own namespace.</summary>
    public Fact<string>? TargetNamespace { get; init; }

    public Fact<bool>? Suspend { get; init; }

    /// <summary><c>spec.postRenderers</c>: kustomize patches laid over what the chart renders.</summary>
    public IReadOnlyList<FluxPostRenderPatch> PostRenderers { get; init; } = [];

    public static bool Is(KubeObject o) => o.Group == FluxGroups.Helm && o.Kind == "HelmRelease";

    /// <summary>The object's view, read once however many readers ask.</summary>
    public static FluxParseResult<FluxHelmRelease> Parse(KubeObject o) =>
        Is(o) ? Parsed.GetValue(o, Read) : throw new ArgumentException($"{o.Ref} is not a Flux HelmRelease", nameof(o));

    private static FluxParseResult<FluxHelmRelease> Read(KubeObject o)
    {
        var fields = new FluxFields(o);
        var spec = fields.Spec();
        var chart = fields.Map(spec, "chart") is { } template ? fields.Map(template, "spec") : null;
        return fields.Result(new FluxHelmRelease(o.Ref, o.Origin)
        {
            Chart = chart is null ? null : FluxChartSpec.Read(fields, chart),
            ChartRef = fields.Ref(spec, "chartRef", FluxRefParts.Kind | FluxRefParts.Namespace),
            ValuesFrom = fields.Maps(spec, "valuesFrom")
                .Select(from => new FluxValuesReference(fields.Ref(from, FluxRefParts.Kind | FluxRefParts.Optional), fields.Known(from, "valuesKey"), fields.Known(from, "targetPath")))
                .ToList(),
            Values = fields.Map(spec, "values"),
            DependsOn = fields.Refs(spec, "dependsOn", FluxRefParts.Namespace),
            TargetNamespace = fields.Text(spec, "targetNamespace"),
            Suspend = fields.Bool(spec, "suspend"),
            PostRenderers = PostRenderPatches(fields, spec),
        });
    }

    /// <summary>
    /// Every patch of every post renderer (<c>kustomize.patches</c>, and the older
    /// <c>patchesStrategicMerge</c> and <c>patchesJson6902</c>), with the kind it targets when it
    /// names one. Image overrides (<c>kustomize.images</c>) change no setting and are left out.
    /// </summary>
    private static List<FluxPostRenderPatch> PostRenderPatches(FluxFields fields, MapNode spec)
    {
        var patches = new List<FluxPostRenderPatch>();
        foreach (var renderer in fields.Maps(spec, "postRenderers"))
        {
            if (fields.Map(renderer, "kustomize") is not { } kustomize) continue;
            foreach (var key in new[] { "patches", "patchesJson6902" })
                foreach (var patch in kustomize.List(key)?.Items ?? [])
                    // A patch with no target kind may match any object (its own kind is only inside its text).
                    patches.Add(new FluxPostRenderPatch(patch.Origin, patch.Text("target.kind")));
            foreach (var patch in kustomize.List("patchesStrategicMerge")?.Items ?? [])
                patches.Add(new FluxPostRenderPatch(patch.Origin, patch.Text("kind")));
        }
        return patches;
    }
}

/// <summary>One post-render patch and the kind it targets; null when any object may match.</summary>
public sealed record FluxPostRenderPatch(Evidence At, string? TargetKind);
