using Homelab.Conformance.Documents;
using Homelab.Conformance.Sources.Git.Flux;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Sources.Git.Helm;

/// <summary>A HelmRelease with its chart identified and its values resolved as Flux hands them to Helm.</summary>
public sealed record ResolvedRelease(KubeObject Release, string? Chart, string? DefaultsVersion, MapNode Values)
{
    public string Namespace => Release.Root.Text("spec.targetNamespace") ?? Release.Namespace ?? "default";
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
        var spec = release.Root.Map("spec") ?? new MapNode(release.Origin, []);
        var (chart, constraint) = Chart(release, spec);
        var found = chart is null ? null : defaults.Find(chart, constraint, release.Origin);
        var values = found?.Values ?? new MapNode(release.Origin, []);
        // Extra values files inside the chart override its values.yaml; they travel with the chart, not the repo.
        if (spec.List("chart.spec.valuesFiles") is { Items.Count: > 0 } valuesFiles)
            problems.Warning(valuesFiles.Origin, $"{release.Ref} takes values files from inside its chart ({string.Join(", ", valuesFiles.Items.OfType<ScalarNode>().Select(f => f.Value))}), which are not read offline; the defaults rules see may differ");
        foreach (var from in spec.List("valuesFrom")?.Items.OfType<MapNode>() ?? [])
            values = ValuesFrom(release, from, values);
        if (spec.Map("values") is { } inline) values = ValuesMerge.Merge(values, inline);
        return new ResolvedRelease(release, chart, found?.Version, values);
    }

    private (string? Chart, string? Constraint) Chart(KubeObject release, MapNode spec)
    {
        if (spec.Map("chart.spec") is { } chartSpec)
        {
            var name = chartSpec.Text("chart");
            return (name?.TrimEnd('/').Split('/')[^1], chartSpec.Text("version"));
        }
        if (spec.Map("chartRef") is not { } chartRef) return (null, null);
        var kind = chartRef.Text("kind");
        var source = rendered.Find(kind ?? "", chartRef.Text("namespace") ?? release.Namespace, chartRef.Text("name") ?? "");
        if (source is null) return (null, null);
        return kind switch
        {
            "OCIRepository" => (source.Root.Text("spec.url")?.TrimEnd('/').Split('/')[^1],
                source.Root.Text("spec.ref.tag") ?? source.Root.Text("spec.ref.semver")),
            "HelmChart" => (source.Root.Text("spec.chart"), source.Root.Text("spec.version")),
            _ => (null, null),
        };
    }

    private MapNode ValuesFrom(KubeObject release, MapNode from, MapNode values)
    {
        var kind = from.Text("kind") ?? "ConfigMap";
        var name = from.Text("name") ?? "";
        var key = from.Text("valuesKey") ?? "values.yaml";
        var targetPath = from.Text("targetPath");
        var optional = from.Scalar("optional")?.AsBool() == true;
        var source = rendered.Find(kind, release.Namespace, name);
        if (source is null) return values; // a missing required source is HL-GIT-002's finding
        var data = source.Root.Map("data")?[key] as ScalarNode ?? source.Root.Map("stringData")?[key] as ScalarNode;
        if (data is null)
        {
            if (!optional) problems.Error(from.Origin, $"{kind} {release.Namespace}/{name} has no key '{key}' for {release.Ref} valuesFrom");
            return values;
        }
        if (targetPath is not null) return ValuesMerge.SetAt(values, targetPath, data);
        if (!data.IsKnown)
        {
            problems.Warning(from.Origin, $"values of {release.Ref} from {kind} {name} are {data.Unknown}; the keys they set are not known offline");
            return values;
        }
        var (documents, problem) = Embedded.Parse(data);
        if (problem is not null) { problems.Error(problem.Where, $"values from {kind} {name}: {problem.Cause}"); return values; }
        return documents.FirstOrDefault()?.Root is MapNode map ? ValuesMerge.Merge(values, map) : values;
    }
}
