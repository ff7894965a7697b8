using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;

namespace Homelab.Conformance.Audit;

/// <summary>One place where the running cluster differs from what the repo declares.</summary>
public sealed record DriftItem(string Subject, string Declared, Evidence DeclaredAt, string Live, Evidence LiveAt)
{
    public override string ToString() => $"{Subject}: repo {Declared} ({DeclaredAt.Location}), cluster {Live} ({LiveAt.Location})";
}

/// <summary>
/// Compares the facts the repo declares with those the cluster shows, subject by subject (nodes
/// and their roles, Ceph daemons and pools, Cilium settings, StorageClasses, Flux objects). A value
/// that is unknown on either side is not compared: drift is only what is known to differ.
/// </summary>
public static class Drift
{
    public static IReadOnlyList<DriftItem> Between(ClusterFacts declared, ClusterFacts live)
    {
        var drift = new List<DriftItem>();
        Nodes(declared, live, drift);
        Storage(declared.Storage, live.Storage, drift);
        Cilium(declared.Network, live.Network, drift);
        Flux(declared, live, drift);
        return drift;
    }

    private static void Nodes(ClusterFacts declared, ClusterFacts live, List<DriftItem> drift)
    {
        foreach (var node in declared.Nodes)
        {
            var seen = live.Nodes.FirstOrDefault(n => n.Name == node.Name);
            if (seen is null) drift.Add(new($"node {node.Name}", "declared", node.Evidence, "absent", new AbsenceEvidence($"node {node.Name}", live.Source)));
            else Compare($"node {node.Name} control plane", node.ControlPlane, seen.ControlPlane, drift);
        }
        foreach (var node in live.Nodes.Where(n => declared.Nodes.Count > 0 && declared.Nodes.All(d => d.Name != n.Name)))
            drift.Add(new($"node {node.Name}", "not declared", new AbsenceEvidence($"node {node.Name}", declared.Source), "present", node.Evidence));
    }

    private static void Storage(StorageFacts declared, StorageFacts live, List<DriftItem> drift)
    {
        foreach (var cluster in declared.Clusters)
            if (live.Clusters.FirstOrDefault(c => c.Id == cluster.Id) is { } seen)
            {
                Compare($"{cluster.Id} mon count", cluster.MonCount, seen.MonCount, drift);
                Compare($"{cluster.Id} mgr count", cluster.MgrCount, seen.MgrCount, drift);
            }
        foreach (var pool in declared.Pools)
            if (live.Pools.FirstOrDefault(p => p.Owner == pool.Owner && p.Name == pool.Name) is { } seen)
            {
                Compare($"pool {pool.Name} replicated size", pool.ReplicatedSize, seen.ReplicatedSize, drift);
                Compare($"pool {pool.Name} data chunks", pool.DataChunks, seen.DataChunks, drift);
                Compare($"pool {pool.Name} coding chunks", pool.CodingChunks, seen.CodingChunks, drift);
                Compare($"pool {pool.Name} failure domain", pool.FailureDomain, seen.FailureDomain, drift);
            }
        foreach (var sc in declared.StorageClasses)
            if (live.StorageClasses.FirstOrDefault(s => s.Name == sc.Name) is { } seen)
                Compare($"StorageClass {sc.Name} default", sc.IsDefault, seen.IsDefault, drift);
        foreach (var sc in live.StorageClasses.Where(s => s.IsDefault is { IsKnown: true, Value: true } && declared.StorageClasses.All(d => d.Name != s.Name)))
            drift.Add(new($"StorageClass {sc.Name}", "not declared", new AbsenceEvidence($"StorageClass {sc.Name}", "repo"), "present and default", sc.IsDefault.Evidence));
    }

    private static void Cilium(NetworkFacts declared, NetworkFacts live, List<DriftItem> drift)
    {
        if (declared.Cilium.FirstOrDefault() is not { } repo || live.Cilium.FirstOrDefault() is not { } cluster) return;
        // The chart value true and the rendered config "true" mean the same; compare as text.
        Compare("Cilium kubeProxyReplacement", repo.KubeProxyReplacement, cluster.KubeProxyReplacement, drift);
        Compare("Cilium L2 announcements", repo.L2Announcements, cluster.L2Announcements, drift);
        Compare("Cilium policy enforcement", repo.PolicyEnforcementMode, cluster.PolicyEnforcementMode, drift);
        Compare("Cilium host firewall", repo.HostFirewall, cluster.HostFirewall, drift);
    }

    private static void Flux(ClusterFacts declared, ClusterFacts live, List<DriftItem> drift)
    {
        var repo = declared.Flux.Kustomizations.Select(k => (k.Id, k.Evidence)).Concat(declared.Flux.HelmReleases.Select(h => (h.Id, h.Evidence)));
        var cluster = live.Flux.Kustomizations.Select(k => (k.Id, k.Evidence)).Concat(live.Flux.HelmReleases.Select(h => (h.Id, h.Evidence))).ToList();
        foreach (var (id, at) in repo.Where(r => cluster.All(c => c.Id != r.Id)))
            drift.Add(new(id.ToString(), "declared", at, "absent", new AbsenceEvidence(id.ToString(), live.Source)));
        var declaredIds = declared.Flux.Kustomizations.Select(k => k.Id).Concat(declared.Flux.HelmReleases.Select(h => h.Id)).ToHashSet();
        foreach (var (id, at) in cluster.Where(c => declaredIds.Count > 0 && !declaredIds.Contains(c.Id)))
            drift.Add(new(id.ToString(), "not declared", new AbsenceEvidence(id.ToString(), declared.Source), "present", at));
    }

    private static void Compare<T>(string subject, Fact<T>? repo, Fact<T>? cluster, List<DriftItem> drift)
    {
        if (repo is not { IsKnown: true } || cluster is not { IsKnown: true }) return;
        var a = Checks.Show(repo.Value);
        var b = Checks.Show(cluster.Value);
        if (!string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) drift.Add(new(subject, a, repo.Evidence, b, cluster.Evidence));
    }
}
