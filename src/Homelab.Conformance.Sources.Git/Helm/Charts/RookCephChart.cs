using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Semver;
using static Homelab.Conformance.Extraction.FactReading;

namespace Homelab.Conformance.Sources.Git.Helm.Charts;

/// <summary>
/// The Rook operator chart's CSI drivers. Before Rook 1.20 the operator registers
/// <c>&lt;prefix&gt;.rbd.csi.ceph.com</c> (block) and <c>&lt;prefix&gt;.cephfs.csi.ceph.com</c> (file) unless its
/// values turn them off; the prefix is <c>csi.csiDriverNamePrefix</c>, else the operator's namespace.
/// From 1.20 on it registers none.
/// </summary>
internal static class RookCephChart
{
    public const string Name = "rook-ceph";

    /// <summary>
    /// Rook's upgrade guide (Documentation/Upgrade/rook-upgrade.md), "Breaking changes in v1.20": "CSI
    /// drivers are admin-managed via the ceph-csi-operator. Rook no longer deploys CSI drivers". The
    /// chart's csi.* driver switches went with it; the drivers come from the ceph-csi-drivers chart.
    /// </summary>
    private static readonly SemVersion FirstWithoutCsi = new(1, 20, 0);

    public static void Project(ResolvedRelease release, StorageFacts storage)
    {
        var (withoutCsi, unknown) = VersionWithoutCsi(release);
        if (withoutCsi is not null)
            storage.RookWithoutCsi.Add(new RookWithoutCsiFact(release.Release.Ref, withoutCsi, VersionLine(release)));
        else if (unknown is not null)
            storage.CsiDrivers.AddRange(CsiDrivers(release).Select(d => d with { Enabled = Fact<bool>.NotKnown(VersionLine(release), unknown) }));
        else
            storage.CsiDrivers.AddRange(CsiDrivers(release));
    }

    /// <summary>
    /// The Rook version Flux installs when it is 1.20 or later, said as the finding should say it;
    /// else why that is not known (null and null: an earlier version). The version Flux resolved
    /// (fetched, or pinned exactly) decides. Offline a range decides: Rook publishes 1.20 releases,
    /// so a range admitting any version from 1.20.0 on resolves to one of them, whatever older
    /// release the embedded defaults (<see cref="ResolvedRelease.DefaultsVersion"/>) came from.
    /// </summary>
    internal static (string? Version, string? Unknown) VersionWithoutCsi(ResolvedRelease release)
    {
        if (release.ResolvedVersion is { } resolved)
            return SemVersion.TryParse(resolved.TrimStart('v'), SemVersionStyles.Any, out var version) && version.ComparePrecedenceTo(FirstWithoutCsi) >= 0
                ? (resolved, null) : (null, null);
        if (release.Spec.Chart?.Version is { IsKnown: false } notKnown)
            return (null, $"the chart version is {notKnown.Unknown}, and Rook 1.20 and later deploy no CSI driver");
        if (string.IsNullOrWhiteSpace(release.Constraint) || release.Constraint.Trim() == "*") return ("its newest release (1.20 or later)", null);
        if (ChartDefaults.Range(release.Constraint) is not { } range)
            return (null, $"the chart version {release.Constraint} is no range Flux reads, and Rook 1.20 and later deploy no CSI driver");
        return range.Any(AdmitsFirstWithoutCsi) ? ($"{release.Constraint}, a range Flux resolves to 1.20 or later", null) : (null, null);
    }

    /// <summary>Whether a range's end lies past 1.20.0 (or on it, included): then it holds 1.20.0 or a later version.</summary>
    private static bool AdmitsFirstWithoutCsi(UnbrokenSemVersionRange range)
    {
        if (range.End is not { } end) return true;
        var order = end.ComparePrecedenceTo(FirstWithoutCsi);
        return order > 0 || (order == 0 && range.EndInclusive);
    }

    private static Provenance.Evidence VersionLine(ResolvedRelease release) => release.Spec.Chart?.Version?.Evidence ?? release.Release.Origin;

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
