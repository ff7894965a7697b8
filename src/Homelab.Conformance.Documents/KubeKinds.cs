namespace Homelab.Conformance.Documents;

/// <summary>What is known about kinds without a schema: scope, and which use Kubernetes' own list merge.</summary>
public static class KubeKinds
{
    /// <summary>The annotation that makes a StorageClass the cluster's default.</summary>
    public const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";

    /// <summary>Its beta form, which Kubernetes still honours beside it.</summary>
    public const string BetaDefaultClassAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "StorageClass", "CSIDriver", "VolumeSnapshotClass",
        "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "PriorityClass", "RuntimeClass",
        "IngressClass", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "CiliumClusterwideNetworkPolicy", "CiliumLoadBalancerIPPool", "CiliumL2AnnouncementPolicy",
        "CiliumBGPClusterConfig", "CiliumNode", "ClusterIssuer", "ClusterSecretStore",
    };

    /// <summary>API groups whose lists strategic merge patches merge by key (built-in kinds).</summary>
    private static readonly HashSet<string> BuiltInGroups = new(StringComparer.Ordinal)
    {
        "", "apps", "batch", "policy", "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io",
    };

    public static bool IsClusterScoped(string kind) => ClusterScoped.Contains(kind);

    public static bool IsBuiltIn(string group) => BuiltInGroups.Contains(group);
}
