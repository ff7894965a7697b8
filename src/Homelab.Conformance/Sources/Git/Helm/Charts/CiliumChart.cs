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
            // The chart leaves both empty by default, so an unset one is known even without its defaults data.
            K8sServiceHost = OrDefault(Text(values["k8sServiceHost"]), "", Name + " chart", "k8sServiceHost", release.Release.Origin),
            K8sServicePort = OrDefault(Text(values["k8sServicePort"]), "", Name + " chart", "k8sServicePort", release.Release.Origin),
            L2Announcements = Bool(values.At("l2announcements.enabled")),
            PolicyEnforcementMode = Text(values["policyEnforcementMode"]),
            HostFirewall = Bool(values.At("hostFirewall.enabled")),
        };
    }
}
