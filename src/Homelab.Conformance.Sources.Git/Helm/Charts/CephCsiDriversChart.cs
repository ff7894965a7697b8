using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Sources.Git.Helm.Charts;

/// <summary>
/// The ceph-csi-drivers chart (https://ceph.github.io/ceph-csi-operator), which installs Rook's CSI
/// drivers from Rook 1.20 on: its driver template ranges over <c>drivers</c> and renders a Driver named
/// <c>drivers.&lt;key&gt;.name</c> for each entry whose <c>enabled</c> is true
/// (<c>{{- if $driver.enabled }}</c>); the ceph-csi-operator registers the CSIDriver of that name.
/// </summary>
internal static class CephCsiDriversChart
{
    public const string Name = "ceph-csi-drivers";

    /// <summary>The driver types the ceph-csi-operator knows, which are also the chart's own entries.</summary>
    private static readonly string[] Types = ["rbd", "cephfs", "nfs", "nvmeof"];

    public static IEnumerable<CsiDriverFact> CsiDrivers(ResolvedRelease release)
    {
        var entries = (release.At("drivers") as MapNode)?.Keys ?? [];
        foreach (var key in Types.Union(entries))
        {
            var name = release.At($"drivers.{key}.name") as ScalarNode;
            var enabled = Enabled(release, key);
            if (name is { IsKnown: true, Value: { Length: > 0 } known })
            {
                yield return new CsiDriverFact(known, enabled);
                continue;
            }
            // An entry the values do not name is a driver whose name is not known; where its key says no
            // type, it may be any of them.
            var why = name is { IsKnown: false } ? $"drivers.{key}.name is {name.Unknown}" : Unset(release, $"drivers.{key}.name");
            if (why is null) continue;
            var evidence = name?.Origin ?? release.Release.Origin;
            foreach (var type in Types.Contains(key) ? [key] : Types)
                yield return new CsiDriverFact($"{type}.csi.ceph.com", Fact<bool>.NotKnown(evidence, why));
        }
        // A source the reader cannot see may add entries of its own.
        if (release.Overridden is { } overridden)
            foreach (var type in Types)
                yield return new CsiDriverFact($"{type}.csi.ceph.com", Fact<bool>.NotKnown(overridden.At, overridden.Why));
    }

    /// <summary>
    /// <c>enabled</c> as the template's <c>if</c> reads it: a boolean; unset (with the chart's defaults
    /// known) is nil, which renders nothing; a string or other value is left unknown, naming it.
    /// </summary>
    private static Fact<bool> Enabled(ResolvedRelease release, string key)
    {
        var path = $"drivers.{key}.enabled";
        if (HelmValue.Bool(release.At(path)) is { } set) return set;
        var near = release.At($"drivers.{key}")?.Origin ?? release.Release.Origin;
        return Unset(release, path) is { } why ? Fact<bool>.NotKnown(near, why) : new Fact<bool>(false, near);
    }

    /// <summary>Why an unset value is not known: the chart's defaults at this version are not; null when they are (it is unset).</summary>
    private static string? Unset(ResolvedRelease release, string path) => release.DefaultsVersion is null
        ? $"{path} is not set, and the {Name} chart's default at the version {release.Release.Ref} pins is not known"
        : null;
}
