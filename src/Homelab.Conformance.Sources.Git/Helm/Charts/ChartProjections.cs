using Homelab.Conformance.Extraction;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Sources.Git.Flux;

namespace Homelab.Conformance.Sources.Git.Helm.Charts;

/// <summary>
/// The facts a HelmRelease of a known chart brings, read from its resolved values as the chart
/// would render them. A live cluster shows the rendered objects themselves instead.
/// </summary>
public static class ChartProjections
{
    public static readonly string[] Charts = [RookCephChart.Name, CephCsiDriversChart.Name, RookCephClusterChart.Name, CiliumChart.Name, AlloyChart.Name];

    public static void Project(ResolvedRelease release, RenderedRepo rendered, ClusterFacts facts, ProblemLog problems)
    {
        if (release.Chart is null) return;
        if (StorageClassCharts.Handles(release.Chart))
        {
            StorageClassCharts.Project(release, facts);
            return;
        }
        if (!Charts.Contains(release.Chart)) return;
        if (release.DefaultsVersion is null)
        {
            problems.Warning(release.Release.Origin, release.DefaultsWhy is { } fetchWhy
                ? $"chart {release.Chart} {release.Constraint ?? "(latest)"}: {fetchWhy}; its default values are unknown, so what they decide is inconclusive (--chart-values {release.Chart}=values.yaml gives them)"
                : $"no default values known for chart {release.Chart} at this version; rules see only the values the repo sets (point --chart-values {release.Chart}=values.yaml at the chart's own values)");
            // What the chart's defaults may create is not known to be absent: "none found" proves nothing there.
            var why = $"the default values of chart {release.Chart} at the version {release.Release.Ref} pins are not known, and they may create it ({release.Release.Origin.Location})";
            foreach (var kind in KindsDefaultsMayCreate(release)) facts.UnreadableKinds.TryAdd(kind, why);
        }
        switch (release.Chart)
        {
            case RookCephChart.Name: RookCephChart.Project(release, facts.Storage); break;
            case CephCsiDriversChart.Name: facts.Storage.CsiDrivers.AddRange(CephCsiDriversChart.CsiDrivers(release)); break;
            case RookCephClusterChart.Name:
                ObjectExtractor.Add(facts, RookCephClusterChart.Objects(release));
                foreach (var (kind, why) in RookCephClusterChart.UnknownKinds(release)) facts.UnreadableKinds.TryAdd(kind, why);
                break;
            case CiliumChart.Name: facts.Network.Cilium.Add(CiliumChart.Fact(release)); break;
            case AlloyChart.Name: facts.Collectors.Add(AlloyChart.Fact(release, rendered)); break;
        }
    }

    /// <summary>The kinds the settings the rules read end up in once a chart renders (a post renderer patching one may change them).</summary>
    public static IReadOnlyCollection<string>? SettingKinds(string chart) => chart switch
    {
        CiliumChart.Name => ["ConfigMap", "DaemonSet", "Deployment"],
        RookCephChart.Name => ["ConfigMap", "Deployment", "DaemonSet", "CSIDriver"],
        CephCsiDriversChart.Name => ["Driver"],
        RookCephClusterChart.Name => ["CephCluster", "CephBlockPool", "CephFilesystem", "CephObjectStore", "StorageClass"],
        AlloyChart.Name => ["ConfigMap", "DaemonSet", "Deployment", "StatefulSet"],
        _ => null,
    };

    /// <summary>The kinds a chart's default values may create (the rook-ceph-cluster chart's default pools and StorageClasses, the operator's or ceph-csi-drivers' CSI drivers).</summary>
    private static string[] KindsDefaultsMayCreate(ResolvedRelease release) => release.Chart switch
    {
        RookCephClusterChart.Name => ["CephCluster", "CephBlockPool", "CephFilesystem", "CephObjectStore", "StorageClass"],
        // From Rook 1.20 the operator's defaults create no CSI driver, whatever else they hold.
        RookCephChart.Name when RookCephChart.VersionWithoutCsi(release).Version is null => ["CSIDriver"],
        CephCsiDriversChart.Name => ["CSIDriver"],
        _ => [],
    };
}
