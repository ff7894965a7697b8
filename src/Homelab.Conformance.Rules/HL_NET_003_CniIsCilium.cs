using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_NET_003_CniIsCilium : Rule
{
    public override string Id => "HL-NET-003";
    public override string Title => "Cilium owns the pod network";
    public override string Claim(ArchitectureSpec spec) => "Cilium is the cluster's CNI: the OS installs no CNI of its own and Cilium is deployed.";
    public override string Remediation => "Set Talos `cluster.network.cni.name: none` and deploy Cilium (a HelmRelease of the cilium chart).";
    public override Area Area => Area.Network;
    public override IReadOnlyList<string> DocsKeys => ["network.cni"];
    public override IReadOnlyList<string> Reads => ["DaemonSet"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        foreach (var cni in facts.KubeProxy.CniSettings)
            yield return cni is { IsKnown: true, Value: "custom" }
                // Talos then applies the manifests of cni.urls: which CNI they install is not read.
                ? Finding.Inconclusive(cni.Evidence, "the OS CNI setting is custom: Talos installs the CNI manifests its cni.urls list, which are not read")
                : Checks.Expect(cni, v => v == "none", "the OS CNI setting", "none", facts.Source);
        if (spec.Network.Cni != "cilium")
        {
            yield return Finding.Inconclusive(new AbsenceEvidence("check", spec.File), $"no check is defined for CNI '{spec.Network.Cni}'");
            yield break;
        }
        if (facts.Network.Cilium.Count == 0)
            yield return Finding.Fail(new AbsenceEvidence("Cilium installation", facts.Source), "Cilium is not deployed", "cilium", "absent");
        foreach (var cilium in facts.Network.Cilium)
            yield return cilium.Unsure is { } why
                ? Finding.Inconclusive(cilium.Evidence, $"Cilium is declared as {cilium.Install}, but whether it is installed is not known: {why}")
                : Finding.Pass(cilium.Evidence, $"Cilium is deployed as {cilium.Install}");
    }
}
