using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Facts;

public sealed record CephClusterFact(ObjectRef Id, Evidence Evidence)
{
    public Fact<long>? MonCount { get; init; }
    public Fact<bool>? MonAllowMultiplePerNode { get; init; }
    public Fact<long>? MgrCount { get; init; }
    public Fact<bool>? UseAllNodes { get; init; }
    public List<Fact<string>> StorageNodes { get; init; } = [];

    /// <summary>Storage nodes that select no device, their own or the cluster's (no devices, filters or useAllDevices): Rook makes them no OSD.</summary>
    public List<Fact<string>> NodesWithoutDevices { get; init; } = [];

    /// <summary>The raw capacity Ceph reports (<c>status.ceph.capacity.bytesTotal</c>); null when no status is shown, as in a declaration.</summary>
    public Fact<long>? RawCapacityBytes { get; init; }
}

public enum PoolRole { Block, FilesystemMetadata, FilesystemData, ObjectMetadata, ObjectData }

/// <summary>A Ceph pool: a CephBlockPool, or a pool inside a CephFilesystem or CephObjectStore.</summary>
public sealed record PoolFact(string Name, PoolRole Role, ObjectRef Owner, Evidence Evidence)
{
    public Fact<long>? ReplicatedSize { get; init; }
    public Fact<long>? DataChunks { get; init; }
    public Fact<long>? CodingChunks { get; init; }
    public Fact<string>? FailureDomain { get; init; }
    public bool ErasureCoded => DataChunks is not null || CodingChunks is not null;
}

public sealed record StorageClassFact(string Name, Fact<string> Provisioner, Fact<bool> IsDefault, Evidence Evidence);

/// <summary>
/// A Ceph CSI driver (<c>rook-ceph.rbd.csi.ceph.com</c>, <c>rook-ceph.cephfs.csi.ceph.com</c>): what turns
/// pools into PersistentVolumes. Live, a registered CSIDriver object; in the repo, a Driver object or the
/// chart setting that enables or disables it (the Rook operator chart's before Rook 1.20, ceph-csi-drivers' after).
/// </summary>
public sealed record CsiDriverFact(string Name, Fact<bool> Enabled)
{
    /// <summary>The driver's type (rbd, cephfs, nfs, nvmeof) as the ceph-csi-operator reads it from the name; null for a name it takes no type from.</summary>
    public string? Type => TypeOf(Name);

    /// <summary>
    /// The ceph-csi-operator takes a driver's type from its name, with or without a prefix:
    /// <c>^(?:.+\.)?(rbd|cephfs|nfs|nvmeof)\.csi\.ceph\.com$</c> (internal/controller/driver_controller.go).
    /// </summary>
    public static string? TypeOf(string name) =>
        System.Text.RegularExpressions.Regex.Match(name, @"^(?:.+\.)?(rbd|cephfs|nfs|nvmeof)\.csi\.ceph\.com$") is { Success: true } m ? m.Groups[1].Value : null;
}

/// <summary>
/// A Rook operator release that deploys no CSI driver: from Rook 1.20 the drivers come from the
/// ceph-csi-drivers chart. <see cref="Version"/> says which version Flux installs, or why it is 1.20 or
/// later; <see cref="Evidence"/> is the line asking for it.
/// </summary>
public sealed record RookWithoutCsiFact(ObjectRef Release, string Version, Evidence Evidence);

public sealed class StorageFacts
{
    public List<CephClusterFact> Clusters { get; } = [];
    public List<PoolFact> Pools { get; } = [];
    public List<ObjectFact> BlockPools { get; } = [];
    public List<ObjectFact> Filesystems { get; } = [];
    public List<ObjectFact> ObjectStores { get; } = [];
    public List<StorageClassFact> StorageClasses { get; } = [];

    /// <summary>Releases of storage provisioner charts whose StorageClasses are not known: one may be a default.</summary>
    public List<ChartReleaseFact> UnrenderedProvisioners { get; } = [];
    public List<CsiDriverFact> CsiDrivers { get; } = [];

    /// <summary>Rook operator releases of 1.20 or later: they register none of <see cref="CsiDrivers"/>.</summary>
    public List<RookWithoutCsiFact> RookWithoutCsi { get; } = [];

    /// <summary>Whether <see cref="CsiDrivers"/> is every driver the cluster registers (a repo shows only those its Rook operator or ceph-csi-drivers releases set).</summary>
    public Listing CsiDriverListing { get; set; } = Listing.Partial("no CSIDriver objects were listed: a declaration shows only the drivers its Rook operator or ceph-csi-drivers releases set");

    /// <summary>The nodes OSD pods run on: where Ceph really keeps data.</summary>
    public List<Fact<string>> OsdPods { get; } = [];

    /// <summary>Whether <see cref="OsdPods"/> is every OSD pod (only a running cluster's pods show where OSDs run).</summary>
    public Listing OsdPodListing { get; set; } = Listing.Partial("no running pods were listed: a declaration does not say where the scheduler puts OSDs");
}

/// <summary>A HelmRelease of a chart whose rendered objects are not known offline.</summary>
public sealed record ChartReleaseFact(ObjectRef Release, string Chart, Evidence Evidence);
