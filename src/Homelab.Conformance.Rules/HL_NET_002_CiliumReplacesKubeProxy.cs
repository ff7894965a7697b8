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
            yield return Checks.Expect(cilium.KubeProxyReplacement, v => v is "true" or "strict", $"{cilium.Install.Name} kubeProxyReplacement", "true", cilium.Evidence.Location);
            yield return Checks.Expect(cilium.K8sServiceHost, v => !string.IsNullOrWhiteSpace(v), $"{cilium.Install.Name} k8sServiceHost", "an API server address", cilium.Evidence.Location);
            yield return Checks.Expect(cilium.K8sServicePort, v => !string.IsNullOrWhiteSpace(v), $"{cilium.Install.Name} k8sServicePort", "an API server port", cilium.Evidence.Location);
        }
    }
}
