using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_STO_003_StorageKinds : Rule
{
    public override string Id => "HL-STO-003";
    public override string Title => "Block, file and object storage offered";
    public override string Claim => "Rook provides each storage kind the spec names: block (CephBlockPool), file (CephFilesystem) and object (CephObjectStore).";
    public override string Remediation => "Declare the missing CephBlockPool, CephFilesystem or CephObjectStore (rook-ceph-cluster values `cephBlockPools`, `cephFileSystems`, `cephObjectStores`).";
    public override Area Area => Area.Storage;
    public override IReadOnlyList<string> Reads => ["CephBlockPool", "CephFilesystem", "CephObjectStore"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        foreach (var kind in spec.Storage.Kinds)
        {
            var (objects, crd) = kind switch
            {
                StorageKind.Block => (facts.Storage.BlockPools, "CephBlockPool"),
                StorageKind.File => (facts.Storage.Filesystems, "CephFilesystem"),
                _ => (facts.Storage.ObjectStores, "CephObjectStore"),
            };
            if (objects.Count > 0)
                yield return Finding.Pass(objects[0].Evidence, $"{kind.ToString().ToLowerInvariant()} storage: {string.Join(", ", objects.Select(o => o.Id.Name))}");
            else if (facts.UnreadableKinds.TryGetValue(crd, out var why))
                yield return Finding.Inconclusive(new AbsenceEvidence(crd, facts.Source), $"{crd} could not be read: {why}");
            else
                yield return Finding.Fail(new AbsenceEvidence(crd, facts.Source), $"no {kind.ToString().ToLowerInvariant()} storage: no {crd} declared", crd, "none");
        }
    }
}
