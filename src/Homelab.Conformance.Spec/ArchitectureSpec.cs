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
    IReadOnlyList<Waiver> Waivers)
{
    /// <summary>Where each key read from the file is, by its dotted path (<c>network.kubeProxy</c>).</summary>
    public IReadOnlyDictionary<string, RepoEvidence> Places { get; init; } = new Dictionary<string, RepoEvidence>();

    /// <summary>The place of a key, for a finding that rests on it; a key left out (to take its default) is evidenced as absent.</summary>
    public Evidence Where(string key) => Places.TryGetValue(key, out var at)
        ? new SpecEvidence(at.File, at.Line, at.Column, key)
        : new AbsenceEvidence(key, Path.GetFileName(File));
}

public sealed record NodesSpec(int Count, string Architecture, string OperatingSystem, NodeCapacity PerNode, IReadOnlyList<string> Names);

public sealed record NodeCapacity(int CpuCores, int MemoryGiB, int DiskGB)
{
    /// <summary>Firmware and kernel keep part of the RAM: a node may show this many percent less than <see cref="MemoryGiB"/>.</summary>
    public double MemoryTolerancePercent { get; init; } = DefaultMemoryTolerancePercent;

    public const double DefaultMemoryTolerancePercent = 15;
}

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
    int Mgrs)
{
    /// <summary>How far Ceph's raw capacity may be from the OSD nodes' disks, in percent (marketing gigabytes, partitions, metadata).</summary>
    public double RawCapacityTolerancePercent { get; init; } = DefaultRawCapacityTolerancePercent;

    public const double DefaultRawCapacityTolerancePercent = 10;
}

public sealed record GitOpsSpec(string Engine, IReadOnlyList<string> AllowedSourceKinds, IReadOnlyList<string> RequiredSourceKinds);

public sealed record ObservabilitySpec(string Collector, string? Destination);

/// <summary>
/// A dated, justified exception to a rule, or with <see cref="Object"/> to the rule's findings on
/// one object only (the rule still fails for the others). An expired waiver no longer hides a failure.
/// </summary>
public sealed record Waiver(string Rule, string Reason, DateOnly Expires, Evidence Origin)
{
    /// <summary>The one object whose findings it waives; null: the whole rule.</summary>
    public ObjectRef? Object { get; init; }

    public bool IsExpired(DateOnly today) => today > Expires;

    /// <summary>What it waives, in words: <c>HL-STO-001</c>, or <c>HL-STO-001 on CephBlockPool rook-ceph/replicapool</c>.</summary>
    public string Subject => Object is null ? Rule : $"{Rule} on {Object}";
}
