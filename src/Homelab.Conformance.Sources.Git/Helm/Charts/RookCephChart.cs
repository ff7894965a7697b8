using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using static Homelab.Conformance.Extraction.FactReading;

namespace Homelab.Conformance.Sources.Git.Helm.Charts;

/// <summary>
/// The Rook operator chart's CSI drivers: the operator registers <c>&lt;prefix&gt;.rbd.csi.ceph.com</c>
/// (block) and <c>&lt;prefix&gt;.cephfs.csi.ceph.com</c> (file) unless its values turn them off; the
/// prefix is <c>csi.csiDriverNamePrefix</c>, else the operator's namespace.
/// </summary>
internal static class RookCephChart
{
    public const string Name = "rook-ceph";

    public static IEnumerable<CsiDriverFact> CsiDrivers(ResolvedRelease release)
    {
        var near = release.Release.Origin;
        var prefixNode = release.At("csi.csiDriverNamePrefix") as ScalarNode;
        var prefix = prefixNode is { IsKnown: true, Value: { Length: > 0 } p } ? p : release.Namespace;
        var allOff = HelmValue.ParsedBool(release.At("csi.disableCsiDriver"));
        foreach (var (driver, key) in new[] { ("rbd", "csi.enableRbdDriver"), ("cephfs", "csi.enableCephfsDriver") })
        {
            var enabled = OrDefault(HelmValue.ParsedBool(release.At(key)), true, Name + " chart", key, near);
            // disableCsiDriver: "true" turns every driver off, whatever the per-driver settings say.
            if (allOff is { IsKnown: true, Value: true }) enabled = allOff with { Value = false };
            // A prefix that is not known names a driver that is not known either.
            if (prefixNode is { IsKnown: false } unknownPrefix) enabled = Fact<bool>.NotKnown(unknownPrefix.Origin, $"the driver name prefix csi.csiDriverNamePrefix is {unknownPrefix.Unknown}");
            yield return new CsiDriverFact($"{prefix}.{driver}.csi.ceph.com", enabled);
        }
    }
}
