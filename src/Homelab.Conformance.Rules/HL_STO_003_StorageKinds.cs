using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_STO_003_StorageKinds : Rule
{
    private const string CsiDriverKind = "CSIDriver";

    public override string Id => "HL-STO-003";
    public override string Title => "Block, file and object storage offered";
    public override string Claim(ArchitectureSpec spec)
    {
        var pooled = spec.Storage.Kinds.Where(k => k != StorageKind.Object).Select(Name).ToList();
        var csi = pooled.Count == 0 ? "" : $", with the Ceph CSI driver that turns {Words.And(pooled)} pools into PersistentVolumes";
        return $"Rook provides each storage kind the spec names: {Words.And(spec.Storage.Kinds.Select(k => $"{Name(k)} ({Crd(k)})"))}{csi}.";
    }

    public override string Remediation =>
        "Declare the missing CephBlockPool, CephFilesystem or CephObjectStore (rook-ceph-cluster values `cephBlockPools`, `cephFileSystems`, `cephObjectStores`), " +
        "and keep the CSI drivers on: from Rook 1.20 the ceph-csi-drivers chart's `drivers.rbd` / `drivers.cephfs` (`enabled: true`, named `<operator namespace>.rbd.csi.ceph.com`), " +
        "before it the operator's `csi.enableRbdDriver` / `csi.enableCephfsDriver`.";
    public override Area Area => Area.Storage;
    public override IReadOnlyList<string> DocsKeys => ["storage.engine", "storage.kinds"];
    public override IReadOnlyList<string> Reads => ["CephBlockPool", "CephFilesystem", "CephObjectStore", CsiDriverKind];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        foreach (var kind in spec.Storage.Kinds)
        {
            var (objects, driver) = kind switch
            {
                StorageKind.Block => (facts.Storage.BlockPools, "rbd"),
                StorageKind.File => (facts.Storage.Filesystems, "cephfs"),
                _ => (facts.Storage.ObjectStores, null),
            };
            var (name, crd) = (Name(kind), Crd(kind));
            if (objects.Count > 0)
                yield return Finding.Pass(objects[0].Evidence, $"{name} storage: {string.Join(", ", objects.Select(o => o.Id.Name))}");
            else
                yield return Finding.Fail(new AbsenceEvidence(crd, facts.Source), $"no {name} storage: no {crd} declared", crd, "none");
            if (driver is not null && Driver(facts, name, driver) is { } finding) yield return finding;
        }
    }

    /// <summary>
    /// The CSI driver a storage kind needs. A missing one fails where every driver is listed, or where
    /// the repo's Rook operator is 1.20 or later, which deploys none; else the repo may not hold the
    /// Rook operator at all, and then there is nothing to judge.
    /// </summary>
    private static Finding? Driver(ClusterFacts facts, string kind, string driver)
    {
        var suffix = $".{driver}.csi.ceph.com";
        var drivers = facts.Storage.CsiDrivers.Where(d => d.Type == driver).ToList();
        if (drivers.FirstOrDefault(d => d.Enabled is { IsKnown: true, Value: true }) is { } on)
            return Finding.Pass(on.Enabled.Evidence, $"{kind} PersistentVolumes through CSI driver {on.Name}");
        if (drivers.FirstOrDefault(d => !d.Enabled.IsKnown) is { } unknown)
            return Finding.Inconclusive(unknown.Enabled.Evidence, $"whether CSI driver {unknown.Name} is enabled is not known: {unknown.Enabled.Unknown}");
        if (drivers.Count > 0)
            return Finding.Fail(drivers[0].Enabled.Evidence, $"CSI driver {drivers[0].Name} is disabled: no {kind} PersistentVolume can be provisioned", "enabled", "disabled");
        if (facts.Storage.RookWithoutCsi.FirstOrDefault() is { } rook)
            return Finding.Fail(rook.Evidence, $"no CSI driver *{suffix} is registered: {RookWithoutCsi(rook)}: no {kind} PersistentVolume can be provisioned", $"*{suffix}", "none")
                with { Missing = new MissingObject(CsiDriverKind, $"CSI driver *{suffix}") };
        if (!facts.Storage.CsiDriverListing.IsComplete) return null;
        return Finding.Fail(new AbsenceEvidence(CsiDriverKind, facts.Source),
            $"no CSI driver *{suffix} is registered: no {kind} PersistentVolume can be provisioned", $"*{suffix}", "none");
    }

    /// <summary>Why a Rook 1.20 operator brings no driver, for the findings of the rules that need one.</summary>
    internal static string RookWithoutCsi(RookWithoutCsiFact rook) =>
        $"{rook.Release} installs Rook {rook.Version}, and Rook 1.20 and later deploy no CSI driver (install the ceph-csi-drivers chart)";

    private static string Name(StorageKind kind) => kind.ToString().ToLowerInvariant();

    private static string Crd(StorageKind kind) => kind switch
    {
        StorageKind.Block => "CephBlockPool",
        StorageKind.File => "CephFilesystem",
        _ => "CephObjectStore",
    };
}
