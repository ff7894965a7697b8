using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// A chart template: a HelmRelease's <c>spec.chart.spec</c>, or a HelmChart's <c>spec</c>: the
/// chart's name (or path), its version (a semver range), its source and extra values files.
/// </summary>
public sealed record FluxChartSpec(Fact<string>? Chart, Fact<string>? Version, FluxObjectRef? SourceRef, Evidence At)
{
    /// <summary><c>valuesFiles</c>: values files inside the chart, in order, at the list's place.</summary>
    public Fact<IReadOnlyList<string?>>? ValuesFiles { get; init; }

    internal static FluxChartSpec Read(FluxFields fields, MapNode spec) =>
        new(fields.Text(spec, "chart"), fields.Text(spec, "version"), fields.Ref(spec, "sourceRef", FluxRefParts.Kind | FluxRefParts.Namespace), spec.Origin)
        {
            ValuesFiles = fields.List(spec, "valuesFiles") is { } list
                ? new Fact<IReadOnlyList<string?>>(fields.Scalars(spec, "valuesFiles").Select(f => f.Value).ToList(), list.Origin)
                : null,
        };
}
