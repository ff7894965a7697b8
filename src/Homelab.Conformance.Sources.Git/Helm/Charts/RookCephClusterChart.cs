using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Helm.Charts;

/// <summary>
/// What the rook-ceph-cluster chart renders from its values: the CephCluster, the block pools,
/// filesystems and object stores, and a StorageClass for each whose <c>storageClass.enabled</c> is set
/// (names and provisioners as the chart's templates write them).
/// </summary>
internal static class RookCephClusterChart
{
    public const string Name = "rook-ceph-cluster";
    private const string CephApi = "ceph.rook.io/v1";

    public static IEnumerable<KubeObject> Objects(ResolvedRelease release)
    {
        var values = release.Values;
        var ns = release.Namespace;
        // The chart names its CSI provisioners <csiDriverNamePrefix>.*, or <operatorNamespace>.* when no prefix is set.
        var operatorNs = release.At("csiDriverNamePrefix") is ScalarNode { IsNull: false } prefix && (!prefix.IsKnown || prefix.Value != "") ? prefix
            : release.At("operatorNamespace") as ScalarNode ?? new ScalarNode(release.Release.Place, ns);
        if (values.Map("cephClusterSpec") is { } cluster)
            yield return VirtualObject.Create(CephApi, "CephCluster", values.Text("clusterName") ?? ns, ns, cluster.Origin, [new("spec", WithDefaults(cluster, release))]);
        var kinds = new (string ValuesKey, string Kind, Func<string, string> Provisioner)[]
        {
            ("cephBlockPools", "CephBlockPool", op => $"{op}.rbd.csi.ceph.com"),
            ("cephFileSystems", "CephFilesystem", op => $"{op}.cephfs.csi.ceph.com"),
            ("cephObjectStores", "CephObjectStore", _ => $"{ns}.ceph.rook.io/bucket"),
        };
        foreach (var (key, kind, provisioner) in kinds)
        {
            foreach (var item in values.List(key)?.Items.OfType<MapNode>() ?? [])
            {
                if (item.Text("name") is not { } name) continue;
                var spec = item.Map("spec") ?? new MapNode(item.Place, []);
                yield return VirtualObject.Create(CephApi, kind, name, ns, item.Origin, [new("spec", spec)]);
                if (item.Map("storageClass") is not { } sc) continue;
                var enabled = sc.Scalar("enabled");
                if (enabled?.AsBool() == true || enabled is { IsKnown: false })
                    yield return StorageClass(sc, name, kind == "CephObjectStore" ? new ScalarNode(item.Place, ns) : operatorNs, provisioner);
            }
        }
    }

    /// <summary>The kinds whose objects are not known because the values listing them are not (a source the reader cannot see may set them).</summary>
    public static IEnumerable<(string Kind, string Why)> UnknownKinds(ResolvedRelease release)
    {
        foreach (var (key, kind) in new[] { ("cephClusterSpec", "CephCluster"), ("cephBlockPools", "CephBlockPool"), ("cephFileSystems", "CephFilesystem"), ("cephObjectStores", "CephObjectStore") })
        {
            if (release.At(key) is not ScalarNode { IsKnown: false } unknown) continue;
            yield return (kind, unknown.Unknown!);
            if (kind != "CephCluster") yield return ("StorageClass", unknown.Unknown!);
        }
    }

    /// <summary>The settings the rules read that the chart's defaults decide: unknown where those defaults are, when the repo leaves them.</summary>
    private static readonly string[] DefaultedSettings = ["mon.count", "mon.allowMultiplePerNode", "mgr.count", "storage.useAllNodes"];

    private static MapNode WithDefaults(MapNode cluster, ResolvedRelease release)
    {
        if (release.DefaultsVersion is not null) return cluster;
        var why = $"not set, and the {Name} chart's default at the version {release.Release.Ref} pins is not known";
        foreach (var path in DefaultedSettings.Where(p => cluster.At(p) is null))
            cluster = ValuesMerge.SetAt(cluster, path, new ScalarNode(cluster.Place, null, unknown: $"cephClusterSpec.{path} is {why}"));
        return cluster;
    }

    private static KubeObject StorageClass(MapNode sc, string owner, ScalarNode namespaceNode, Func<string, string> provisioner)
    {
        var scName = sc.Text("name") ?? owner;
        var provisionerNode = namespaceNode.IsKnown
            ? new ScalarNode(namespaceNode.Place, provisioner(namespaceNode.Value ?? ""))
            : new ScalarNode(namespaceNode.Place, null, unknown: namespaceNode.Unknown);
        // A StorageClass whose very existence is unknown may be the default one.
        var isDefault = sc.Scalar("enabled") is { IsKnown: false } enabled ? new ScalarNode(enabled.Place, null, unknown: enabled.Unknown)
            : sc.Scalar("isDefault") is { } flag
            ? new ScalarNode(flag.Place, flag.IsKnown ? (flag.AsBool() == true ? "true" : "false") : null, unknown: flag.Unknown)
            : new ScalarNode(sc.Place, "false");
        return VirtualObject.Create("storage.k8s.io/v1", "StorageClass", scName, null, sc.Origin,
            [new("provisioner", provisionerNode)], [new(KubeKinds.DefaultClassAnnotation, isDefault)]);
    }
}
