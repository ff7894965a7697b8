using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Facts;

public sealed class KubeProxyFacts
{
    /// <summary>Settings that disable kube-proxy (Talos <c>cluster.proxy.disabled</c>); false means enabled.</summary>
    public List<Fact<bool>> DisabledSettings { get; } = [];

    /// <summary>kube-proxy workloads seen: a DaemonSet or its pods.</summary>
    public List<Evidence> Workloads { get; } = [];

    /// <summary>Talos <c>cluster.network.cni.name</c> settings: <c>none</c> or <c>custom</c> leave the network to Cilium.</summary>
    public List<Fact<string>> CniSettings { get; } = [];

    /// <summary>
    /// Talos KubePrism (<c>machine.features.kubePrism</c>) per machine config read: the node-local API
    /// server endpoint on <c>localhost</c> that Cilium can use without kube-proxy.
    /// </summary>
    public List<KubePrismFact> KubePrism { get; } = [];
}

/// <summary>One machine config's KubePrism: whether it is on, and the port it listens on.</summary>
public sealed record KubePrismFact(Fact<bool> Enabled, Fact<string> Port);
