using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using static Homelab.Conformance.Extraction.FactReading;

namespace Homelab.Conformance.Extraction;

/// <summary>Rook's custom resources, StorageClasses and CSI drivers (CSIDriver, or the ceph-csi-operator's Driver) as storage facts.</summary>
internal static class CephObjects
{
    public const string Group = "ceph.rook.io";

    public static bool Add(KubeObject o, StorageFacts storage)
    {
        var spec = o.Root.Map("spec") ?? new MapNode(o.Place, []);
        switch (o.Group, o.Kind)
        {
            case (Group, "CephCluster"):
                storage.Clusters.Add(Cluster(o, spec));
                return true;
            case (Group, "CephBlockPool"):
                storage.BlockPools.Add(new ObjectFact(o.Ref, o.Origin));
                storage.Pools.Add(Pool(spec.Text("name") ?? o.Name, PoolRole.Block, o.Ref, spec));
                return true;
            case (Group, "CephFilesystem"):
                storage.Filesystems.Add(new ObjectFact(o.Ref, o.Origin));
                if (spec.Map("metadataPool") is { } metadata) storage.Pools.Add(Pool($"{o.Name}-metadata", PoolRole.FilesystemMetadata, o.Ref, metadata));
                foreach (var (data, i) in (spec.List("dataPools")?.Items.OfType<MapNode>() ?? []).Select((d, i) => (d, i)))
                    storage.Pools.Add(Pool($"{o.Name}-{data.Text("name") ?? $"data{i}"}", PoolRole.FilesystemData, o.Ref, data));
                return true;
            case (Group, "CephObjectStore"):
                storage.ObjectStores.Add(new ObjectFact(o.Ref, o.Origin));
                if (spec.Map("metadataPool") is { } meta) storage.Pools.Add(Pool($"{o.Name}-metadata", PoolRole.ObjectMetadata, o.Ref, meta));
                if (spec.Map("dataPool") is { } pool) storage.Pools.Add(Pool($"{o.Name}-data", PoolRole.ObjectData, o.Ref, pool));
                return true;
            case ("storage.k8s.io", "CSIDriver"):
            // The ceph-csi-operator registers the CSI driver a Driver object names (how Rook 1.20 and later get theirs).
            case ("csi.ceph.io", "Driver"):
                storage.CsiDrivers.Add(new CsiDriverFact(o.Name, new Fact<bool>(true, o.Origin)));
                return true;
            case ("storage.k8s.io", "StorageClass"):
                storage.StorageClasses.Add(new StorageClassFact(o.Name,
                    Text(o.Root["provisioner"]) ?? Fact<string>.NotKnown(o.Origin, "no provisioner"),
                    IsDefault(o), o.Origin));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether a StorageClass is the default, as Kubernetes decides it: its GA or its beta
    /// is-default-class annotation is exactly <c>"true"</c> (<c>True</c> or <c>yes</c> is not).
    /// </summary>
    private static Fact<bool> IsDefault(KubeObject o)
    {
        var annotations = o.Root.Map("metadata.annotations");
        var marks = new[] { KubeKinds.DefaultClassAnnotation, KubeKinds.BetaDefaultClassAnnotation }
            .Select(key => annotations?[key]).OfType<ScalarNode>().Where(s => !s.IsNull).ToList();
        if (marks.FirstOrDefault(m => m is { IsKnown: true, Value: "true" }) is { } yes) return new Fact<bool>(true, yes.Origin);
        if (marks.FirstOrDefault(m => !m.IsKnown) is { } unknown) return Fact<bool>.NotKnown(unknown.Origin, unknown.Unknown!);
        return new Fact<bool>(false, marks.FirstOrDefault()?.Origin ?? o.Origin);
    }

    private static CephClusterFact Cluster(KubeObject o, MapNode spec) => new(o.Ref, o.Origin)
    {
        MonCount = Int(spec.At("mon.count")),
        MonAllowMultiplePerNode = Bool(spec.At("mon.allowMultiplePerNode")),
        MgrCount = Int(spec.At("mgr.count")),
        UseAllNodes = Bool(spec.At("storage.useAllNodes")),
        StorageNodes = (spec.List("storage.nodes")?.Items.OfType<MapNode>() ?? []).Select(n => Text(n["name"])).OfType<Fact<string>>().ToList(),
        NodesWithoutDevices = (spec.List("storage.nodes")?.Items.OfType<MapNode>() ?? [])
            .Where(n => spec.Map("storage") is { } storage && !SelectsDevices(n, storage)).Select(n => Text(n["name"])).OfType<Fact<string>>().ToList(),
        RawCapacityBytes = Int(o.Root.At("status.ceph.capacity.bytesTotal")),
    };

    /// <summary>
    /// Whether a storage node may get an OSD. Rook resolves each node's selection over the
    /// cluster's: useAllDevices, deviceFilter and devicePathFilter when the node leaves them unset,
    /// the cluster's devices when the node lists none (Rook docs, storage selection settings).
    /// What is not known may select a device.
    /// </summary>
    private static bool SelectsDevices(MapNode node, MapNode storage)
    {
        if (storage.List("storageClassDeviceSets") is { Items.Count: > 0 }) return true;
        Node? Either(string key) => node[key] is ScalarNode { IsNull: true } or null ? storage[key] : node[key];
        if (Either("useAllDevices") is ScalarNode all && (!all.IsKnown || all.AsBool() == true)) return true;
        foreach (var filter in new[] { "deviceFilter", "devicePathFilter" })
            if (Either(filter) is ScalarNode f && (!f.IsKnown || !string.IsNullOrEmpty(f.Value))) return true;
        var devices = node["devices"] is ListNode { Items.Count: > 0 } own ? own : storage["devices"];
        return devices is ListNode { Items.Count: > 0 } || devices is ScalarNode { IsKnown: false };
    }

    /// <summary>A pool spec; Rook's failure domain defaults to host when unset.</summary>
    private static PoolFact Pool(string name, PoolRole role, ObjectRef owner, MapNode spec) => new(name, role, owner, spec.Origin)
    {
        ReplicatedSize = Int(spec.At("replicated.size")),
        DataChunks = Int(spec.At("erasureCoded.dataChunks")),
        CodingChunks = Int(spec.At("erasureCoded.codingChunks")),
        FailureDomain = OrDefault(Text(spec["failureDomain"]), "host", "Rook", "failureDomain", spec.Origin),
    };
}
