using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_STO_004_DefaultStorageClass : Rule
{
    public override string Id => "HL-STO-004";
    public override string Title => "The default StorageClass is Ceph-backed";
    public override string Claim(ArchitectureSpec spec) => "PersistentVolumes come from Rook-Ceph: exactly one default StorageClass, provisioned by a Ceph CSI driver.";
    public override string Remediation => "Mark one Ceph StorageClass as default (rook-ceph-cluster `storageClass.isDefault: true`) and no other, " +
        "and register the CSI driver its provisioner names (from Rook 1.20, a ceph-csi-drivers `drivers.*` entry of that `name`).";
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
            // A provisioner chart the suite does not render may make the default class.
            else if (facts.Storage.UnrenderedProvisioners.FirstOrDefault() is { } chart)
                yield return Finding.Inconclusive(chart.Evidence,
                    $"no StorageClass read is marked default, but {chart.Release} (chart {chart.Chart}) makes StorageClasses from templates the suite does not render: one may be the default");
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
        {
            var provisioner = Checks.Expect(sc.Provisioner, p => p.EndsWith(".csi.ceph.com", StringComparison.Ordinal),
                $"default StorageClass {sc.Name} provisioner", "a Ceph CSI driver (*.csi.ceph.com)", sc.Evidence.Location);
            yield return provisioner.Outcome == Outcome.Pass ? Registered(sc, facts.Storage) ?? provisioner : provisioner;
        }
    }

    /// <summary>
    /// A Ceph provisioner must be a driver that is registered: before Rook 1.20 the operator names them
    /// <c>&lt;csiDriverNamePrefix&gt;.rbd.csi.ceph.com</c> (default its namespace), from 1.20 the
    /// ceph-csi-drivers chart by its <c>drivers.*.name</c>; the cluster chart names its StorageClasses'
    /// provisioner from its own values, so the two can differ. Judged only where the drivers of that
    /// type are seen, or where a Rook 1.20 operator is known to bring none (a repo without the
    /// operator shows none).
    /// </summary>
    private static Finding? Registered(StorageClassFact sc, StorageFacts storage)
    {
        var name = sc.Provisioner.Value;
        var drivers = storage.CsiDrivers.Where(d => d.Type is { } type && type == CsiDriverFact.TypeOf(name)).ToList();
        if (drivers.Count == 0)
            return storage.RookWithoutCsi.FirstOrDefault() is { } rook && CsiDriverFact.TypeOf(name) is not null
                ? Finding.Fail(rook.Evidence, $"default StorageClass {sc.Name} provisioner is {name}, but no CSI driver is registered: {HL_STO_003_StorageKinds.RookWithoutCsi(rook)}", name, "none")
                    with { Missing = new MissingObject("CSIDriver", $"CSI driver {name}") }
                : null;
        var named = drivers.Where(d => d.Name == name).ToList();
        if (named.Any(d => d.Enabled is { IsKnown: true, Value: true }))
            return Finding.Pass(sc.Provisioner.Evidence, $"default StorageClass {sc.Name} provisioner {name} is a registered CSI driver");
        if (drivers.FirstOrDefault(d => !d.Enabled.IsKnown) is { } unknown)
            return Finding.Inconclusive(unknown.Enabled.Evidence, $"default StorageClass {sc.Name} provisioner is {name}; which CSI drivers are registered is not known: {unknown.Enabled.Unknown}");
        if (named.Count > 0)
            return Finding.Fail(named[0].Enabled.Evidence, $"default StorageClass {sc.Name} provisioner is {name}, whose CSI driver is disabled: no driver provisions its volumes", "enabled", "disabled");
        return Finding.Fail(sc.Provisioner.Evidence,
            $"default StorageClass {sc.Name} provisioner is {name}, but the CSI drivers of that type are {string.Join(", ", drivers.Select(d => d.Name))} ({drivers[0].Enabled.Evidence.Location}): no driver provisions its volumes",
            string.Join(" or ", drivers.Select(d => d.Name)), name);
    }
}
