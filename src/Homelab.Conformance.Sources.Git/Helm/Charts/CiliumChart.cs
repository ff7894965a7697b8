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
            KubeProxyReplacement = Text(values["kubeProxyReplacement"]) ?? Unset<string>("kubeProxyReplacement", release),
            K8sServiceHost = Text(values["k8sServiceHost"]) ?? Empty("k8sServiceHost", release),
            K8sServicePort = Text(values["k8sServicePort"]) ?? Empty("k8sServicePort", release),
            L2Announcements = HelmValue.Bool(values.At("l2announcements.enabled")) ?? Unset<bool>("l2announcements.enabled", release),
            PolicyEnforcementMode = Text(values["policyEnforcementMode"]) ?? Unset<string>("policyEnforcementMode", release),
            HostFirewall = HelmValue.Bool(values.At("hostFirewall.enabled")) ?? Unset<bool>("hostFirewall.enabled", release),
        };
    }

    /// <summary>A value the repo does not set: the chart's default decides it, which is unknown when its defaults data is.</summary>
    private static Fact<T>? Unset<T>(string key, ResolvedRelease release) => release.DefaultsVersion is null
        ? Fact<T>.NotKnown(new AbsenceEvidence($"{Name} {key}", release.Release.Origin.Location),
            $"{key} is not set, and the {Name} chart's default at the version {release.Release.Ref} pins is not known")
        : null;

    /// <summary>The chart leaves the API server address empty by default, so an unset one is known even without its defaults data.</summary>
    private static Fact<string> Empty(string key, ResolvedRelease release) =>
        new("", new DefaultEvidence(Name + " chart", key, "\"\"", release.Release.Origin));
}
