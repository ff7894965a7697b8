using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// Tells Talos documents from the rest of a GitOps repo by their shape alone: a full machine
/// config (<c>version: v1alpha1</c>), a typed document (<c>apiVersion: v1alpha1</c> with a
/// <c>kind</c> and no <c>metadata</c>), a strategic-merge patch (only <c>machine</c>/<c>cluster</c>
/// with Talos' own keys, so Helm values with a <c>cluster:</c> key are not taken for one), or
/// a list of RFC 6902 operations on <c>/machine</c> or <c>/cluster</c>.
/// </summary>
internal static class TalosShapes
{
    private static readonly HashSet<string> MachineKeys = new(StringComparer.Ordinal)
    {
        "type", "token", "ca", "acceptedCAs", "certSANs", "controlPlane", "kubelet", "pods", "network", "disks",
        "install", "files", "env", "time", "sysctls", "sysfs", "registries", "systemDiskEncryption", "features",
        "udev", "logging", "kernel", "seccompProfiles", "baseRuntimeSpecOverrides", "nodeLabels", "nodeAnnotations", "nodeTaints",
    };

    private static readonly HashSet<string> ClusterKeys = new(StringComparer.Ordinal)
    {
        "id", "secret", "controlPlane", "clusterName", "network", "token", "aescbcEncryptionSecret", "secretboxEncryptionSecret",
        "ca", "aggregatorCA", "serviceAccount", "apiServer", "controllerManager", "proxy", "scheduler", "discovery", "etcd",
        "coreDNS", "externalCloudProvider", "extraManifests", "extraManifestHeaders", "inlineManifests", "adminKubeconfig",
        "allowSchedulingOnControlPlanes", "allowSchedulingOnMasters",
    };

    /// <summary>Top-level keys a v1alpha1 patch may hold besides <c>machine</c> and <c>cluster</c>.</summary>
    private static readonly HashSet<string> OtherTopKeys = new(StringComparer.Ordinal) { "debug", "persist", "sops" };

    public static bool IsFullConfig(Node? root) =>
        root is MapNode m && m.Text("version") == "v1alpha1" && (m["machine"] is MapNode || m["cluster"] is MapNode);

    public static bool IsTypedDocument(Node? root) =>
        root is MapNode m && m.Text("apiVersion") == "v1alpha1" && m.Text("kind") is not null && !m.ContainsKey("metadata");

    public static bool IsStrategicPatch(Node? root)
    {
        if (root is not MapNode m || m.ContainsKey("apiVersion") || m.ContainsKey("kind") || m.ContainsKey("version")) return false;
        var machine = m["machine"];
        var cluster = m["cluster"];
        if (machine is null && cluster is null) return false;
        return m.Keys.All(k => k is "machine" or "cluster" || OtherTopKeys.Contains(k))
            && Holds(machine, MachineKeys) && Holds(cluster, ClusterKeys);
    }

    public static bool IsOperationList(Node? root) =>
        root is ListNode { Items.Count: > 0 } list && list.Items.All(i => i is MapNode op && op.Text("op") is not null
            && op.Text("path") is { } path && (path.StartsWith("/machine", StringComparison.Ordinal) || path.StartsWith("/cluster", StringComparison.Ordinal)));

    /// <summary>Any document a Talos config or patch file may hold.</summary>
    public static bool IsTalos(Node? root) => IsFullConfig(root) || IsTypedDocument(root) || IsStrategicPatch(root) || IsOperationList(root);

    /// <summary>talhelper's secrets file (<c>talsecret.yaml</c>): it holds a <c>cluster</c> key but no settings.</summary>
    public static bool IsSecretsBundle(Node? root) =>
        root is MapNode m && (m.ContainsKey("secrets") || m.ContainsKey("trustdinfo") || m.ContainsKey("certs"));

    private static bool Holds(Node? section, HashSet<string> keys) => section switch
    {
        null => true,
        MapNode map => map.Entries.Count > 0 && map.Keys.All(keys.Contains),
        _ => false,
    };
}
