using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Spec;

/// <summary>The architecture the cluster must have, as the user wrote it in the spec file.</summary>
public sealed record ArchitectureSpec(
    string File,
    NodesSpec Nodes,
    ControlPlaneSpec ControlPlane,
    NetworkSpec Network,
    StorageSpec Storage,
    GitOpsSpec GitOps,
    ObservabilitySpec Observability,
    IReadOnlyList<Waiver> Waivers);

public sealed record NodesSpec(int Count, string Architecture, string OperatingSystem, NodeCapacity PerNode, IReadOnlyList<string> Names);

public sealed record NodeCapacity(int CpuCores, int MemoryGiB, int DiskGB);

public sealed record ControlPlaneSpec(int Count, IReadOnlyList<string> Nodes, bool Schedulable);

public sealed record NetworkSpec(string Cni, bool KubeProxyDisabled, bool L2LoadBalancing, bool ClusterWidePolicies, bool NodeLevelPolicies);

public enum StorageKind { Block, File, Object }

public sealed record StorageSpec(
    string Engine,
    IReadOnlyList<StorageKind> Kinds,
    IReadOnlyList<string> OsdNodes,
    int MinReplicas,
    int MaxReplicas,
    string FailureDomain,
    int Mons,
    int Mgrs);

public sealed record GitOpsSpec(string Engine, IReadOnlyList<string> AllowedSourceKinds, IReadOnlyList<string> RequiredSourceKinds);

public sealed record ObservabilitySpec(string Collector, string? Destination);

/// <summary>A dated, justified exception to a rule. An expired waiver no longer hides a failure.</summary>
public sealed record Waiver(string Rule, string Reason, DateOnly Expires, Evidence Origin)
{
    public bool IsExpired(DateOnly today) => today > Expires;
}
