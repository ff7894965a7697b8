using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_STO_004_DefaultStorageClass : Rule
{
    public override string Id => "HL-STO-004";
    public override string Title => "The default StorageClass is Ceph-backed";
    public override string Claim(ArchitectureSpec spec) => "PersistentVolumes come from Rook-Ceph: exactly one default StorageClass, provisioned by a Ceph CSI driver.";
    public override string Remediation => "Mark one Ceph StorageClass as default (rook-ceph-cluster `storageClass.isDefault: true`) and no other.";
    public override Area Area => Area.Storage;
    public override IReadOnlyList<string> Reads => ["StorageClass"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        var defaults = facts.Storage.StorageClasses.Where(c => c.IsDefault is { IsKnown: true, Value: true }).ToList();
        if (defaults.Count == 0)
        {
            // A class whose default flag is not known may be the default one: that is not "none".
            if (facts.Storage.StorageClasses.FirstOrDefault(c => !c.IsDefault.IsKnown) is { } unknown)
                yield return Finding.Inconclusive(unknown.IsDefault.Evidence, $"whether StorageClass {unknown.Name} is the default is not known: {unknown.IsDefault.Unknown}");
            else
                yield return facts.Storage.StorageClasses.Count == 0
                    ? Finding.Fail(new AbsenceEvidence("StorageClass", facts.Source), "no StorageClass is declared", "a default Ceph StorageClass", "none")
                    : Finding.Fail(facts.Storage.StorageClasses[0].Evidence, "no StorageClass is marked default", "one default", "none")
                        with { Missing = new MissingObject("StorageClass", "a default StorageClass") };
            yield break;
        }
        if (defaults.Count > 1)
            yield return Finding.Fail(defaults[1].IsDefault.Evidence, $"{defaults.Count} StorageClasses are default: {string.Join(", ", defaults.Select(d => d.Name))}", "one", defaults.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var sc in defaults)
            yield return Checks.Expect(sc.Provisioner, p => p.EndsWith(".csi.ceph.com", StringComparison.Ordinal),
                $"default StorageClass {sc.Name} provisioner", "a Ceph CSI driver (*.csi.ceph.com)", sc.Evidence.Location);
    }
}
