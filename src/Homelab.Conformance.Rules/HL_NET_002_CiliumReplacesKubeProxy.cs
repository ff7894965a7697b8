using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_NET_002_CiliumReplacesKubeProxy : Rule
{
    public override string Id => "HL-NET-002";
    public override string Title => "Cilium replaces kube-proxy";
    public override string Claim(ArchitectureSpec spec) => "Cilium's kube-proxy replacement is on and it reaches the API server without kube-proxy (k8sServiceHost and k8sServicePort set).";
    public override string Remediation => "Set the Cilium values `kubeProxyReplacement: true`, `k8sServiceHost` and `k8sServicePort` (on Talos: localhost and 7445, KubePrism).";
    public override Area Area => Area.Network;
    public override IReadOnlyList<string> DocsKeys => ["network.kubeProxy", "network.cni"];
    public override IReadOnlyList<string> Reads => ["DaemonSet", "ConfigMap"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (!spec.Network.KubeProxyDisabled)
        {
            yield return Finding.NotApplicable(spec.Where("network.kubeProxy"), "the spec keeps kube-proxy, so nothing needs to replace it");
            yield break;
        }
        if (facts.Network.Cilium.Count == 0)
        {
            yield return Finding.Fail(new AbsenceEvidence("Cilium installation", facts.Source), "Cilium is not installed, so nothing replaces kube-proxy", "Cilium", "absent");
            yield break;
        }
        foreach (var cilium in facts.Network.Cilium)
        {
            yield return Replacement(cilium).On(cilium.Install);
            yield return Checks.Expect(cilium.K8sServiceHost, v => !string.IsNullOrWhiteSpace(v), $"{cilium.Install.Name} k8sServiceHost", "an API server address", cilium.Evidence.Location, on: cilium.Install);
            yield return Checks.Expect(cilium.K8sServicePort, v => !string.IsNullOrWhiteSpace(v), $"{cilium.Install.Name} k8sServicePort", "an API server port", cilium.Evidence.Location, on: cilium.Install);
            foreach (var finding in KubePrism(cilium, facts.KubeProxy.KubePrism)) yield return finding;
        }
    }

    /// <summary>The modes Cilium 1.16 removed; before it only strict replaced kube-proxy fully.</summary>
    private static readonly string[] LegacyModes = ["strict", "partial", "probe", "disabled"];

    /// <summary>
    /// <c>true</c> replaces kube-proxy. Before Cilium 1.16 so did <c>strict</c>; from 1.16 the agent
    /// refuses all four legacy modes (Cilium 1.16 upgrade notes), so they are judged by the version.
    /// </summary>
    private static Finding Replacement(CiliumFact cilium)
    {
        var what = $"{cilium.Install.Name} kubeProxyReplacement";
        if (cilium.KubeProxyReplacement is not { IsKnown: true, Value: var mode } fact || !LegacyModes.Contains(mode))
            return Checks.Expect(cilium.KubeProxyReplacement, v => v == "true", what, "true", cilium.Evidence.Location);
        var version = cilium.Version is { } v ? $"version {v}" : "its version";
        return cilium.LegacyKubeProxyModes switch
        {
            { IsKnown: false } unknown => Finding.Inconclusive(fact.Evidence,
                $"{what} is '{mode}', a mode Cilium 1.16 removed; whether this Cilium still takes it is not known: {unknown.Unknown}"),
            { Value: false } => Finding.Fail(fact.Evidence,
                $"{what} is '{mode}', a mode Cilium 1.16 removed, and {version} is 1.16 or later: the agent refuses it", "true", mode),
            _ when mode == "strict" => Finding.Pass(fact.Evidence, $"{what} is strict, full replacement on Cilium before 1.16 ({version})"),
            _ => Finding.Fail(fact.Evidence, $"{what} is '{mode}', which leaves part of the service handling to kube-proxy ({version})", "true or strict", mode),
        };
    }

    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "::1"];

    /// <summary>
    /// On Talos, a loopback API server address is KubePrism, the node-local proxy to the API
    /// servers: it must be on, on that port, in every machine config read (Talos docs, KubePrism).
    /// </summary>
    private static IEnumerable<Finding> KubePrism(CiliumFact cilium, IReadOnlyList<KubePrismFact> prisms)
    {
        if (prisms.Count == 0 || cilium.K8sServiceHost is not { IsKnown: true } host || !Loopback.Contains(host.Value)) yield break;
        var port = cilium.K8sServicePort;
        var uses = $"{cilium.Install.Name} reaches the API server at {host.Value}:{port?.Value} ({host.Evidence.Location})";
        var off = prisms.FirstOrDefault(p => p.Enabled is { IsKnown: true, Value: false });
        if (off is not null)
        {
            yield return Finding.Fail(off.Enabled.Evidence, $"{uses}, which is Talos KubePrism, but KubePrism is off here: nothing listens there", "KubePrism enabled", "disabled");
            yield break;
        }
        if (prisms.FirstOrDefault(p => !p.Enabled.IsKnown) is { } unknown)
        {
            yield return Finding.Inconclusive(unknown.Enabled.Evidence, $"{uses}, which needs Talos KubePrism; whether it is on is not known: {unknown.Enabled.Unknown}");
            yield break;
        }
        if (port is not { IsKnown: true }) yield break;
        if (prisms.FirstOrDefault(p => p.Port.IsKnown && p.Port.Value != port.Value) is { } other)
            yield return Finding.Fail(other.Port.Evidence, $"{uses}, but KubePrism listens on port {other.Port.Value}", other.Port.Value, port.Value);
        else if (prisms.FirstOrDefault(p => !p.Port.IsKnown) is { } unknownPort)
            yield return Finding.Inconclusive(unknownPort.Port.Evidence, $"{uses}; KubePrism's port is not known: {unknownPort.Port.Unknown}");
        else
            yield return Finding.Pass(prisms[0].Enabled.Evidence, $"{uses}: Talos KubePrism is on and listens on {port.Value} in every machine config");
    }
}
