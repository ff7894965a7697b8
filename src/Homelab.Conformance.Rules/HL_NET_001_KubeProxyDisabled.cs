using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_NET_001_KubeProxyDisabled : Rule
{
    public override string Id => "HL-NET-001";
    public override string Title => "kube-proxy is disabled";
    public override string Claim(ArchitectureSpec spec) => spec.Network.KubeProxyDisabled
        ? "Cilium replaces kube-proxy, so kube-proxy is not deployed."
        : "The spec keeps kube-proxy, so the OS does not disable it.";
    public override string Remediation => "Set Talos `cluster.proxy.disabled: true` (or disable it in the KubeProxyConfig document) and delete the kube-system/kube-proxy DaemonSet.";
    public override Area Area => Area.Network;
    public override IReadOnlyList<string> DocsKeys => ["network.kubeProxy"];
    public override IReadOnlyList<string> Reads => ["DaemonSet", "Pod"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        var wanted = spec.Network.KubeProxyDisabled;
        var proxy = facts.KubeProxy;
        if (proxy.DisabledSettings.Count == 0 && proxy.Workloads.Count == 0)
        {
            yield return Finding.NothingFound("kube-proxy setting or workload", facts.Source);
            yield break;
        }
        foreach (var setting in proxy.DisabledSettings)
            yield return Checks.Expect(setting, v => v == wanted, "kube-proxy disabled", Checks.Show(wanted), facts.Source);
        if (wanted)
            foreach (var workload in proxy.Workloads)
                yield return Finding.Fail(workload, "kube-proxy is deployed", "no kube-proxy", "kube-proxy workload");
    }
}
