using Homelab.Conformance.Documents;
using Homelab.Conformance.Sources.Flux;
using Homelab.Conformance.Sources.Git.Flux;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Sources.Git.Helm;

/// <summary>A HelmRelease with its chart identified and its values resolved as Flux hands them to Helm.</summary>
public sealed record ResolvedRelease(KubeObject Release, FluxHelmRelease Spec, string? Chart, string? DefaultsVersion, MapNode Values)
{
    public string Namespace => Spec.TargetNamespace.Known() ?? Release.Namespace ?? "default";
}

/// <summary>
/// Resolves a HelmRelease's chart (chart.spec, or chartRef to an OCIRepository/HelmChart) and
/// its values in Flux's order: chart defaults, then each valuesFrom in turn (ConfigMap/Secret,
/// valuesKey, targetPath, optional), then spec.values on top.
/// </summary>
public sealed class HelmReleaseValues(ProblemLog problems, RenderedRepo rendered, ChartDefaults defaults)
{
    public ResolvedRelease Resolve(KubeObject release)
    {
        var spec = problems.Log(FluxHelmRelease.Parse(release));
        var (chart, constraint) = Chart(release, spec);
        var found = chart is null ? null : defaults.Find(chart, constraint, release.Origin);
        var values = found?.Values ?? new MapNode(release.Origin, []);
        // Extra values files inside the chart override its values.yaml; they travel with the chart, not the repo.
        if (spec.Chart?.ValuesFiles is { Value.Count: > 0 } valuesFiles)
            problems.Warning(valuesFiles.Evidence, $"{release.Ref} takes values files from inside its chart ({string.Join(", ", valuesFiles.Value)}), which are not read offline; the defaults rules see may differ");
        foreach (var from in spec.ValuesFrom)
            values = ValuesFrom(release, from, values);
        if (spec.Values is { } inline) values = ValuesMerge.Merge(values, inline);
        return new ResolvedRelease(release, spec, chart, found?.Version, values);
    }

    private (string? Chart, string? Constraint) Chart(KubeObject release, FluxHelmRelease spec)
    {
        if (spec.Chart is { } template) return (template.Chart.Known()?.TrimEnd('/').Split('/')[^1], template.Version.Known());
        if (spec.ChartRef is not { } chartRef) return (null, null);
        var source = rendered.Find(chartRef.Kind ?? "", chartRef.NamespaceFrom(release.Namespace), chartRef.Name ?? "");
        if (source is null || !FluxSource.Is(source)) return (null, null);
        var chart = problems.Log(FluxSource.Parse(source));
        return chart.Kind switch
        {
            "OCIRepository" => (chart.Url.Known()?.TrimEnd('/').Split('/')[^1], chart.Ref?.Tag ?? chart.Ref?.Semver),
            "HelmChart" => (chart.Chart?.Chart.Known(), chart.Chart?.Version.Known()),
            _ => (null, null),
        };
    }

    private MapNode ValuesFrom(KubeObject release, FluxValuesReference from, MapNode values)
    {
        var kind = from.Source.Kind ?? "ConfigMap";
        var name = from.Source.Name ?? "";
        var key = from.ValuesKey ?? "values.yaml";
        var source = rendered.Find(kind, from.Source.NamespaceFrom(release.Namespace), name);
        if (source is null) return values; // a missing required source is HL-GIT-002's finding
        var data = source.Root.Map("data")?[key] as ScalarNode ?? source.Root.Map("stringData")?[key] as ScalarNode;
        if (data is null)
        {
            if (!from.Source.Optional) problems.Error(from.Source.At, $"{kind} {release.Namespace}/{name} has no key '{key}' for {release.Ref} valuesFrom");
            return values;
        }
        if (from.TargetPath is { } targetPath) return ValuesMerge.SetAt(values, targetPath, data);
        if (!data.IsKnown)
        {
            problems.Warning(from.Source.At, $"values of {release.Ref} from {kind} {name} are {data.Unknown}; the keys they set are not known offline");
            return values;
        }
        var (documents, problem) = Embedded.Parse(data);
        if (problem is not null) { problems.Error(problem.Where, $"values from {kind} {name}: {problem.Cause}"); return values; }
        return documents.FirstOrDefault()?.Root is MapNode map ? ValuesMerge.Merge(values, map) : values;
    }
}
