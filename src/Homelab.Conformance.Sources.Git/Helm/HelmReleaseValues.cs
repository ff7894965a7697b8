using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Flux;
using Homelab.Conformance.Sources.Git.Flux;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Sources.Git.Helm;

/// <summary>
/// A HelmRelease with its chart identified and its values resolved as Flux hands them to Helm.
/// When something the reader cannot see may change them (<see cref="Overridden"/>), every value it
/// may change is unknown in <see cref="Values"/>, naming it.
/// </summary>
public sealed record ResolvedRelease(KubeObject Release, FluxHelmRelease Spec, string? Chart, string? DefaultsVersion, MapNode Values)
{
    public string Namespace => Spec.TargetNamespace.Known() ?? Release.Namespace ?? "default";

    /// <summary>The chart version or range the release (or its OCIRepository) asks for; null when it names none.</summary>
    public string? Constraint { get; init; }

    /// <summary>
    /// The chart version Flux installs, when it is known: the one the chart's source resolved the
    /// constraint to (fetched), or the exact version pinned. Null for a range judged offline, where
    /// <see cref="DefaultsVersion"/> is only the newest embedded release it matches.
    /// </summary>
    public string? ResolvedVersion { get; init; }

    /// <summary>Why the chart's default values are not known, when they are not (a fetch that failed).</summary>
    public string? DefaultsWhy { get; init; }

    /// <summary>What may change the values after the reader's last known one, and the values set after it (which still win).</summary>
    public ValuesOverride? Overridden { get; init; }

    /// <summary>
    /// The value at a dotted path. A path the values leave unset is unknown, not unset, when
    /// something unseen may set it.
    /// </summary>
    /// <summary>Why Flux may not have installed it as declared at all: it is suspended.</summary>
    public string? NotReconciled => Spec.Suspend is { IsKnown: true, Value: true } ? Overridden?.Why : null;

    public Node? At(string path) =>
        Values.At(path) ?? (Overridden is { } o && o.Later.At(path) is null ? o.Unknown(Release.Origin) : null);
}

/// <summary>Something the reader cannot see that Flux applies after the values it knows: only <see cref="Later"/> values are known.</summary>
public sealed record ValuesOverride(Evidence At, string Why, MapNode Later)
{
    public ScalarNode Unknown(Evidence near) => new(near, null, unknown: Why);
}

/// <summary>
/// Resolves a HelmRelease's chart (chart.spec, or chartRef to an OCIRepository/HelmChart) and
/// its values in Flux's order: chart defaults, then each valuesFrom in turn (ConfigMap/Secret,
/// valuesKey, targetPath, optional), then spec.values on top.
/// </summary>
/// <param name="problems">Where bad values sources are reported.</param>
/// <param name="rendered">What Flux applies: the ConfigMaps and Secrets values come from.</param>
/// <param name="defaults">The charts' default values.</param>
/// <param name="unreadable">Kinds the repo may not hold every object of (<c>ClusterFacts.UnreadableKinds</c>), with why.</param>
/// <param name="settingKinds">The kinds a chart's rendered settings live in: a post renderer patching one of them may change them.</param>
public sealed class HelmReleaseValues(ProblemLog problems, RenderedRepo rendered, ChartDefaults defaults,
    IReadOnlyDictionary<string, string> unreadable, Func<string, IReadOnlyCollection<string>?> settingKinds)
{
    /// <summary>
    /// The values text parsed last, and what it parsed to: the releases of an app often share one ConfigMap and come one
    /// after another, so its text is parsed once (its trees are never changed). One entry: no hashing of every text.
    /// </summary>
    private (ScalarNode? Text, (IReadOnlyList<YamlDocument> Documents, InputProblem? Problem) Parsed) _lastParsed;

    public ResolvedRelease Resolve(KubeObject release)
    {
        var spec = problems.Log(FluxHelmRelease.Parse(release));
        var (chart, constraint, request) = Chart(release, spec);
        // Only the charts the rules read are worth a request.
        var (found, defaultsWhy, fetched) = chart is null ? (null, null, false)
            : request is not null && settingKinds(chart) is not null ? defaults.Find(request, constraint, release.Origin)
            : (defaults.Find(chart, constraint, release.Origin), null, false);
        var values = found?.Values ?? new MapNode(release.Place, []);
        // Extra values files inside the chart override its values.yaml; they travel with the chart, not the repo.
        if (spec.Chart?.ValuesFiles is { Value.Count: > 0 } valuesFiles)
            problems.Warning(valuesFiles.Evidence, $"{release.Ref} takes values files from inside its chart ({string.Join(", ", valuesFiles.Value)}), which are not read offline; the defaults rules see may differ");
        // From the first source the reader cannot see, only what later known sources set is known (Flux merges in order).
        ValuesOverride? overridden = null;
        foreach (var from in spec.ValuesFrom)
        {
            var (layer, unseen) = ValuesFrom(release, from);
            if (layer is not null)
            {
                values = layer(values);
                if (overridden is not null) overridden = overridden with { Later = layer(overridden.Later) };
            }
            if (unseen is not null && overridden is null) overridden = new ValuesOverride(from.Source.At, unseen, new MapNode(release.Place, []));
        }
        if (spec.Values is { } inline)
        {
            values = ValuesMerge.Merge(values, inline);
            if (overridden is not null) overridden = overridden with { Later = ValuesMerge.Merge(overridden.Later, inline) };
        }
        // A suspended release or a post renderer over the settings overrides even the inline values.
        overridden = Suspended(release, spec) ?? PostRendered(release, spec, chart) ?? overridden;
        if (overridden is not null) values = Mask(values, overridden.Later, overridden.Why);
        var resolved = fetched ? found?.Version : ChartDefaults.Exact(constraint)?.ToString();
        return new ResolvedRelease(release, spec, chart, found?.Version, values) { Overridden = overridden, Constraint = constraint, DefaultsWhy = defaultsWhy, ResolvedVersion = resolved };
    }

    private static ValuesOverride? Suspended(KubeObject release, FluxHelmRelease spec) =>
        spec.Suspend is { IsKnown: true, Value: true } suspend
            ? new ValuesOverride(suspend.Evidence, $"{release.Ref} is suspended: Flux applies no change to it, so what runs may differ from its values ({suspend.Evidence.Location})", new MapNode(release.Place, []))
            : null;

    private ValuesOverride? PostRendered(KubeObject release, FluxHelmRelease spec, string? chart)
    {
        var kinds = chart is null ? null : settingKinds(chart);
        if (kinds is null) return null;
        var patch = spec.PostRenderers.FirstOrDefault(p => p.TargetKind is null || kinds.Contains(p.TargetKind));
        return patch is null ? null
            : new ValuesOverride(patch.At, $"a post renderer of {release.Ref} patches the rendered {patch.TargetKind ?? "objects"} after the values ({patch.At.Location})", new MapNode(release.Place, []));
    }

    /// <summary>The values with every value not set after the override (<paramref name="later"/>) replaced by an unknown one that names it.</summary>
    private static MapNode Mask(MapNode values, MapNode later, string why) => new(values.Origin, values.Entries.Select(e =>
        new KeyValuePair<string, Node>(e.Key, later[e.Key] switch
        {
            null => new ScalarNode(e.Value.Place, null, unknown: why),
            MapNode over when e.Value is MapNode map => Mask(map, over, why),
            _ => e.Value,
        })).ToList());

    /// <summary>The chart's name, the version it asks for, and where Flux would fetch it from (when its source is read).</summary>
    private (string? Chart, string? Constraint, Remote.ChartRequest? Request) Chart(KubeObject release, FluxHelmRelease spec)
    {
        if (spec.Chart is { } template)
        {
            var name = template.Chart.Known()?.TrimEnd('/').Split('/')[^1];
            var version = template.Version.Known();
            var repository = template.SourceRef is { Kind: "HelmRepository" } r ? Source(r, release) : null;
            var request = name is null || repository?.Url.Known() is not { } url ? null
                : new Remote.ChartRequest(name, repository.Type == "oci" ? Remote.ChartSourceKind.HelmOci : Remote.ChartSourceKind.HelmHttp, url, release.Origin)
                {
                    Semver = version,
                    Insecure = repository.Insecure is { IsKnown: true, Value: true },
                }.Trusting(Ca(repository));
            return (name, version, request);
        }
        if (spec.ChartRef is not { } chartRef || Source(chartRef, release) is not { } chart) return (null, null, null);
        return chart.Kind switch
        {
            "OCIRepository" when chart.Url.Known()?.TrimEnd('/').Split('/')[^1] is { } name => (name, chart.Ref?.Tag ?? chart.Ref?.Semver,
                new Remote.ChartRequest(name, Remote.ChartSourceKind.OciArtifact, chart.Url.Known()!, release.Origin)
                {
                    Digest = chart.Ref?.Digest,
                    Semver = chart.Ref?.Semver,
                    Tag = chart.Ref is { Digest: null, Semver: null } reference ? reference.Tag ?? "latest" : chart.Ref?.Tag ?? (chart.Ref is null ? "latest" : null),
                    Insecure = chart.Insecure is { IsKnown: true, Value: true },
                    LayerMediaType = chart.LayerMediaType ?? Remote.ChartRequest.HelmChartLayer,
                }.Trusting(Ca(chart))),
            "HelmChart" => (chart.Chart?.Chart.Known(), chart.Chart?.Version.Known(), null),
            _ => (null, null, null),
        };
    }

    /// <summary>The CA of a source's <c>certSecretRef</c> (its Secret's <c>ca.crt</c>), or why it is not known.</summary>
    private (string? Pem, string? Unknown) Ca(FluxSource source)
    {
        if (source.CertSecretRef?.Name is not { } name) return (null, null);
        var ns = source.Id.Namespace;
        if (rendered.Find("Secret", ns, name) is not { } secret)
            return (null, $"{source.Id} trusts the CA of Secret {ns}/{name}, which the repository does not hold");
        var data = secret.Root.Map("data")?["ca.crt"] as ScalarNode;
        var text = secret.Root.Map("stringData")?["ca.crt"] as ScalarNode;
        if (text is { IsKnown: true, Value: { } pem }) return (pem, null);
        if (data is { IsKnown: true, Value: { } base64 }) return (System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(base64)), null);
        var why = (text ?? data)?.Unknown ?? "no ca.crt key";
        return (null, $"{source.Id} trusts the CA of Secret {ns}/{name}, whose ca.crt is not readable here ({why})");
    }

    private FluxSource? Source(FluxObjectRef reference, KubeObject release) =>
        rendered.Find(reference.Kind ?? "", reference.NamespaceFrom(release.Namespace), reference.Name ?? "") is { } o && FluxSource.Is(o) ? problems.Log(FluxSource.Parse(o)) : null;

    /// <summary>
    /// One valuesFrom entry as a layer to lay over values (the values, and those known to be set after
    /// an unseen source), null when it sets nothing; and why what it sets is unknown, when it is.
    /// </summary>
    private (Func<MapNode, MapNode>? Layer, string? Unseen) ValuesFrom(KubeObject release, FluxValuesReference from)
    {
        var kind = from.Source.Kind ?? "ConfigMap";
        var name = from.Source.Name ?? "";
        var key = from.ValuesKey ?? "values.yaml";
        var ns = from.Source.NamespaceFrom(release.Namespace);
        var source = rendered.Find(kind, ns, name);
        if (source is null)
        {
            // A missing required source is HL-GIT-002's finding; one that may exist outside what was read may set anything.
            return unreadable.TryGetValue(kind, out var why)
                ? (null, $"{release.Ref} takes values from {kind} {ns}/{name}, which the repository does not hold ({why}); it may set any value not set after it ({from.Source.At.Location})")
                : (null, null);
        }
        var data = source.Root.Map("data")?[key] as ScalarNode ?? source.Root.Map("stringData")?[key] as ScalarNode;
        if (data is null)
        {
            if (!from.Source.Optional) problems.Error(from.Source.At, $"{kind} {release.Namespace}/{name} has no key '{key}' for {release.Ref} valuesFrom");
            return (null, null);
        }
        if (from.TargetPath is { } targetPath) return (values => ValuesMerge.SetAt(values, targetPath, data), null);
        if (!data.IsKnown)
        {
            problems.Warning(from.Source.At, $"values of {release.Ref} from {kind} {name} are {data.Unknown}; the keys they set are not known offline");
            return (null, $"{release.Ref} takes values from {kind} {ns}/{name}, which are {data.Unknown}; they may set any value not set after them ({from.Source.At.Location})");
        }
        if (!ReferenceEquals(_lastParsed.Text, data)) _lastParsed = (data, Embedded.Parse(data));
        var (documents, problem) = _lastParsed.Parsed;
        if (problem is not null) { problems.Error(problem.Where, $"values from {kind} {name}: {problem.Cause}"); return (null, null); }
        return (documents.FirstOrDefault()?.Root is MapNode map ? values => ValuesMerge.Merge(values, map) : null, null);
    }
}
