using Homelab.Conformance.Facts;
using static Homelab.Conformance.Extraction.FactReading;

namespace Homelab.Conformance.Sources.Git.Helm.Charts;

/// <summary>Cilium's settings as its chart values state them.</summary>
internal static class CiliumChart
{
    public const string Name = "cilium";

    public static CiliumFact Fact(ResolvedRelease release)
    {
        var values = release.Values;
        return new CiliumFact(release.Release.Ref, release.Release.Origin)
        {
            KubeProxyReplacement = Text(values["kubeProxyReplacement"]),
            K8sServiceHost = Text(values["k8sServiceHost"]),
            K8sServicePort = Text(values["k8sServicePort"]),
            L2Announcements = Bool(values.At("l2announcements.enabled")),
            PolicyEnforcementMode = Text(values["policyEnforcementMode"]),
            HostFirewall = Bool(values.At("hostFirewall.enabled")),
        };
    }
}
