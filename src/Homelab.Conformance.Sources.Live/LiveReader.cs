using System.Net;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Extraction;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Live;

/// <summary>
/// Reads a running cluster into the same facts the repo reader produces: one paginated LIST
/// per kind the rules read, plus a GET for each ConfigMap whose content a rule needs (ConfigMaps
/// and Secrets are otherwise listed as metadata only). A kind that cannot be read (CRD absent,
/// access denied) is recorded with the reason, and the rules that need it become inconclusive.
/// </summary>
public sealed class LiveReader(KubeApi api)
{
    private readonly int _pageSize = api.Options.PageSize;
    private readonly int _parallelLists = Math.Max(1, api.Options.ParallelLists);

    /// <summary>Told of the discovery and of each kind listed, for the console's progress.</summary>
    public IProgress<string>? Progress { get; init; }

    public async Task<ClusterFacts> ReadAsync(CancellationToken cancel = default)
    {
        var facts = new ClusterFacts { Origin = FactOrigin.Live, Source = $"cluster {api.Server.ToString().TrimEnd('/')}" };
        var discovery = new ApiDiscovery(api);
        var lister = new ApiLister(api, _pageSize);
        var objects = new Dictionary<string, List<KubeObject>>(StringComparer.Ordinal);
        // Discovery first (a few cached requests), then the LISTs of different kinds side by side;
        // results and reasons are recorded in LiveKinds order, as a sequential read would.
        var kinds = LiveKinds.All;
        Progress?.Report($"discovering the API of {api.Server}");
        var versions = new (string? Version, string? Error)[kinds.Count];
        for (var i = 0; i < kinds.Count; i++)
        {
            try { versions[i] = (await discovery.VersionOf(kinds[i], cancel).ConfigureAwait(false), null); }
            catch (KubeApiException e) when (e.Status is { } status && status != HttpStatusCode.Unauthorized) { versions[i] = (null, e.Message); }
        }
        var listed = new (List<KubeObject>? Objects, string? Error)[kinds.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _parallelLists, CancellationToken = cancel };
        var done = 0;
        var wanted = versions.Count(v => v.Version is not null);
        Progress?.Report($"listing {wanted} kinds");
        await Parallel.ForEachAsync(Enumerable.Range(0, kinds.Count).Where(i => versions[i].Version is not null), parallel, async (i, token) =>
        {
            try { listed[i] = (await lister.ListAsync(kinds[i], versions[i].Version!, token).ConfigureAwait(false), null); }
            // One kind denied or failing does not end the audit: its rules become inconclusive.
            catch (KubeApiException e) when (e.Status is { } status && status != HttpStatusCode.Unauthorized) { listed[i] = (null, e.Message); }
            Progress?.Report($"listing {wanted} kinds: {Interlocked.Increment(ref done)} done ({kinds[i].Kind})");
        }).ConfigureAwait(false);
        for (var i = 0; i < kinds.Count; i++)
        {
            var kind = kinds[i];
            if (versions[i].Error is { } discoveryError) facts.UnreadableKinds[kind.Kind] = discoveryError;
            else if (versions[i].Version is null)
            {
                if (!kind.Optional) facts.UnreadableKinds[kind.Kind] = $"the API server serves no {kind.Resource}.{kind.Group} (is its CRD installed?)";
            }
            else if (listed[i].Error is { } listError) facts.UnreadableKinds[kind.Kind] = listError;
            else objects[kind.Kind] = listed[i].Objects!;
        }
        List<KubeObject> Of(string kind) => objects.TryGetValue(kind, out var list) ? list : [];

        facts.ObjectCount = objects.Values.Sum(o => o.Count);
        ObjectExtractor.Add(facts, objects.Values.SelectMany(o => o));
        facts.Nodes.AddRange(Of("Node").Select(LiveFacts.Node));
        // A LIST returns every object of its kind: in a kind that was read, what is missing is absent.
        if (objects.ContainsKey("Pod")) facts.Storage.OsdPodListing = Listing.Complete;
        if (objects.ContainsKey("CSIDriver")) facts.Storage.CsiDriverListing = Listing.Complete;
        if (objects.ContainsKey("DaemonSet") && objects.ContainsKey("Pod") && facts.KubeProxy.Workloads.Count == 0)
            facts.KubeProxy.DisabledSettings.Add(new Fact<bool>(true, new AbsenceEvidence("kube-proxy DaemonSet or pod", facts.Source)));

        var agent = Of("DaemonSet").FirstOrDefault(LiveFacts.IsCiliumAgent);
        var ciliumConfig = await ConfigMap(agent?.Namespace ?? "kube-system", "cilium-config", facts, cancel).ConfigureAwait(false);
        if (LiveFacts.Cilium(agent, ciliumConfig) is { } cilium) facts.Network.Cilium.Add(cilium);

        foreach (var workload in Of("DaemonSet").Concat(Of("Deployment")).Concat(Of("StatefulSet")).Where(LiveFacts.IsAlloy))
        {
            var configMaps = new Dictionary<string, KubeObject?>(StringComparer.Ordinal);
            foreach (var name in workload.Root.List("spec.template.spec.volumes")?.Items.OfType<MapNode>().Select(v => v.Text("configMap.name")).OfType<string>() ?? [])
                configMaps[name] = await ConfigMap(workload.Namespace ?? "default", name, facts, cancel).ConfigureAwait(false);
            facts.Collectors.Add(LiveFacts.Collector(workload, name => configMaps.GetValueOrDefault(name)));
        }
        // Said once more as input warnings, so every report shows what the audit could not see
        // (but a kind the read-only role leaves out on purpose).
        foreach (var (kind, reason) in facts.UnreadableKinds.Where(k => !(k.Value.Contains("403", StringComparison.Ordinal) && LiveKinds.All.Any(l => l.Kind == k.Key && l.RoleLeavesOut))))
            facts.Problems.Add(new InputProblem(new AbsenceEvidence(kind, facts.Source), $"{kind} could not be read: {reason}", Severity.Warning));
        return facts;
    }

    /// <summary>One ConfigMap with its data, or null when it does not exist or may not be read.</summary>
    private async Task<KubeObject?> ConfigMap(string ns, string name, ClusterFacts facts, CancellationToken cancel)
    {
        try
        {
            using var body = await api.GetAsync($"/api/v1/namespaces/{ns}/configmaps/{name}", null, cancel).ConfigureAwait(false);
            return body is null ? null : JsonTree.Object(body.RootElement, "v1", "ConfigMap");
        }
        catch (KubeApiException e) when (e.Status is { } status && status != HttpStatusCode.Unauthorized)
        {
            facts.Problems.Add(new InputProblem(new LiveEvidence("ConfigMap", ns, name, ""), e.Message, Severity.Warning));
            return null;
        }
    }
}
