namespace Homelab.Conformance.Sources.Live;

/// <summary>A kind the live reader lists: its API group, resource name, and how it is read.</summary>
public sealed record LiveKind(string Group, string Resource, string Kind)
{
    /// <summary>A kind the cluster may well not have (its CRD is optional): absent means no objects, not unreadable.</summary>
    public bool Optional { get; init; }

    /// <summary>Read as metadata only (PartialObjectMetadata): Secret values never leave the API server.</summary>
    public bool MetadataOnly { get; init; }

    /// <summary>
    /// A kind the read-only role of deploy/ leaves out on purpose, so a refusal is expected: the rules
    /// that need it say so (inconclusive), but it is no input warning on every run.
    /// </summary>
    public bool RoleLeavesOut { get; init; }
}

/// <summary>Every kind the rules read from a cluster: one paginated LIST each.</summary>
public static class LiveKinds
{
    public static readonly IReadOnlyList<LiveKind> All =
    [
        new("", "nodes", "Node"),
        new("", "pods", "Pod"),
        new("", "configmaps", "ConfigMap") { MetadataOnly = true },
        // Only to tell whether a referenced Secret exists. RBAC cannot grant a Secret's metadata without
        // its values, so the read-only role leaves Secrets out and those references are inconclusive.
        new("", "secrets", "Secret") { MetadataOnly = true, RoleLeavesOut = true },
        new("apps", "daemonsets", "DaemonSet"),
        new("apps", "deployments", "Deployment"),
        new("apps", "statefulsets", "StatefulSet"),
        new("storage.k8s.io", "storageclasses", "StorageClass"),
        new("storage.k8s.io", "csidrivers", "CSIDriver"),
        new("ceph.rook.io", "cephclusters", "CephCluster"),
        new("ceph.rook.io", "cephblockpools", "CephBlockPool"),
        new("ceph.rook.io", "cephfilesystems", "CephFilesystem"),
        new("ceph.rook.io", "cephobjectstores", "CephObjectStore"),
        new("cilium.io", "ciliumloadbalancerippools", "CiliumLoadBalancerIPPool"),
        new("cilium.io", "ciliuml2announcementpolicies", "CiliumL2AnnouncementPolicy"),
        new("cilium.io", "ciliumclusterwidenetworkpolicies", "CiliumClusterwideNetworkPolicy"),
        new("kustomize.toolkit.fluxcd.io", "kustomizations", "Kustomization"),
        new("helm.toolkit.fluxcd.io", "helmreleases", "HelmRelease"),
        new("source.toolkit.fluxcd.io", "gitrepositories", "GitRepository"),
        new("source.toolkit.fluxcd.io", "ocirepositories", "OCIRepository"),
        new("source.toolkit.fluxcd.io", "helmrepositories", "HelmRepository"),
        new("source.toolkit.fluxcd.io", "buckets", "Bucket") { Optional = true },
        new("source.toolkit.fluxcd.io", "helmcharts", "HelmChart") { Optional = true },
        new("source.toolkit.fluxcd.io", "externalartifacts", "ExternalArtifact") { Optional = true },
    ];
}
