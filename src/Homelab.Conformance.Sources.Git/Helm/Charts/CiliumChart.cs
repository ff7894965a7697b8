using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
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
            K8sServiceHost = Text(values["k8sServiceHost"]) ?? Empty("k8sServiceHost", release),
            K8sServicePort = Text(values["k8sServicePort"]) ?? Empty("k8sServicePort", release),
            L2Announcements = Bool(values.At("l2announcements.enabled")),
            PolicyEnforcementMode = Text(values["policyEnforcementMode"]),
            HostFirewall = Bool(values.At("hostFirewall.enabled")),
        };
    }

    /// <summary>The chart leaves the API server address empty by default, so an unset one is known even without its defaults data.</summary>
    private static Fact<string> Empty(string key, ResolvedRelease release) =>
        new("", new DefaultEvidence(Name + " chart", key, "\"\"", release.Release.Origin));
}
