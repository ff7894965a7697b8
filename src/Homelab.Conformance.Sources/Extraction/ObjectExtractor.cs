using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Extraction;

/// <summary>
/// The one mapping from Kubernetes objects to facts, used for objects rendered from the repo and
/// for objects listed from a live cluster alike, so both are judged by the same reading.
/// </summary>
public static class ObjectExtractor
{
    /// <summary>
    /// Every kind whose facts come from objects (nodes come from the Node objects live, from Talos
    /// config in a repo): what a source must have read whole before "none found" means absent.
    /// </summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "Pod", "ConfigMap", "Secret", "DaemonSet", "Deployment", "StatefulSet", "StorageClass", "CSIDriver",
        "CephCluster", "CephBlockPool", "CephFilesystem", "CephObjectStore",
        "CiliumLoadBalancerIPPool", "CiliumL2AnnouncementPolicy", "CiliumClusterwideNetworkPolicy",
        "Kustomization", "HelmRelease", "GitRepository", "OCIRepository", "HelmRepository", "Bucket", "HelmChart", "ExternalArtifact",
    ];

    public static void Add(ClusterFacts facts, IEnumerable<KubeObject> objects)
    {
        foreach (var o in objects) Add(facts, o);
    }

    public static void Add(ClusterFacts facts, KubeObject o)
    {
        facts.Flux.Inventory.Add(o.Ref);
        foreach (var made in DerivedObjects.Of(o)) facts.Flux.Inventory.Add(made);
        if (o.OriginalName is { } declared) facts.Flux.Renamed[o.Ref with { Name = declared }] = o.Ref;
        _ = CephObjects.Add(o, facts.Storage)
            || CiliumObjects.Add(o, facts.Network)
            || FluxObjects.Add(o, facts.Flux)
            || WorkloadObjects.Add(o, facts.KubeProxy, facts.Storage);
    }
}
