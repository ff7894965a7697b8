using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Facts;

/// <summary>Cilium's effective settings, from its chart values (repo) or <c>cilium-config</c> (live).</summary>
public sealed record CiliumFact(ObjectRef Install, Evidence Evidence)
{
    public Fact<string>? KubeProxyReplacement { get; init; }

    /// <summary>
    /// Whether this Cilium still takes the kube-proxy replacement modes 1.16 removed (<c>strict</c>,
    /// <c>partial</c>, <c>probe</c>, <c>disabled</c>): true before 1.16, false from it, unknown when
    /// its version is.
    /// </summary>
    public Fact<bool>? LegacyKubeProxyModes { get; init; }

    /// <summary>The Cilium version (or chart version range) it runs, as the source states it.</summary>
    public string? Version { get; init; }
    public Fact<string>? K8sServiceHost { get; init; }
    public Fact<string>? K8sServicePort { get; init; }
    public Fact<bool>? L2Announcements { get; init; }
    public Fact<string>? PolicyEnforcementMode { get; init; }
    public Fact<bool>? HostFirewall { get; init; }

    /// <summary>Why it may not be installed as declared (its release is suspended); null when it is.</summary>
    public string? Unsure { get; init; }
}

/// <summary>A custom resource the rules only need to see exist, with a flag for its flavour.</summary>
public sealed record ObjectFact(ObjectRef Id, Evidence Evidence, bool Flag = false)
{
    /// <summary>Why the object, though present, does nothing (a pool with <c>disabled: true</c>); null when it is in effect.</summary>
    public string? Off { get; init; }
}

public sealed class NetworkFacts
{
    public List<CiliumFact> Cilium { get; } = [];
    public List<ObjectFact> LoadBalancerIpPools { get; } = [];
    public List<ObjectFact> L2AnnouncementPolicies { get; } = [];

    /// <summary>CiliumClusterwideNetworkPolicies; <see cref="ObjectFact.Flag"/> marks host (node-level) policies.</summary>
    public List<ObjectFact> ClusterwidePolicies { get; } = [];
}
