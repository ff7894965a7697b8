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
        return new CiliumFact(release.Release.Ref, release.Release.Origin)
        {
            // Unset: the chart's values.yaml (1.18 and later set "false"; 1.17 leaves it commented out,
            // and its templates then take "false", the @default).
            KubeProxyReplacement = Text(release.At("kubeProxyReplacement")) ?? Unset<string>("kubeProxyReplacement", release)
                ?? new Fact<string>("false", new DefaultEvidence(Name + " chart", "kubeProxyReplacement", "\"false\"", release.Release.Origin)),
            K8sServiceHost = Text(release.At("k8sServiceHost")) ?? Empty("k8sServiceHost", release),
            K8sServicePort = Text(release.At("k8sServicePort")) ?? Empty("k8sServicePort", release),
            L2Announcements = HelmValue.Bool(release.At("l2announcements.enabled")) ?? Unset<bool>("l2announcements.enabled", release),
            PolicyEnforcementMode = Text(release.At("policyEnforcementMode")) ?? Unset<string>("policyEnforcementMode", release),
            HostFirewall = HelmValue.Bool(release.At("hostFirewall.enabled")) ?? Unset<bool>("hostFirewall.enabled", release),
            Unsure = release.NotReconciled,
            LegacyKubeProxyModes = LegacyModes(release),
            Version = release.Constraint,
        };
    }

    /// <summary>Cilium 1.16 removed strict/partial/probe/disabled (its 1.16 upgrade notes): what the chart versions asked for say.</summary>
    private static Fact<bool> LegacyModes(ResolvedRelease release)
    {
        var at = release.Release.Origin;
        if (ChartDefaults.Range(release.Constraint) is not { } range)
            return Fact<bool>.NotKnown(at, release.Constraint is null ? "the chart version is not pinned" : $"chart version '{release.Constraint}' is any version");
        var before = Enumerable.Range(9, 7).SelectMany(minor => Enumerable.Range(0, 30).Select(patch => new Semver.SemVersion(1, minor, patch)));
        var takesOld = before.Any(range.Contains);
        var takesNew = Enumerable.Range(16, 30).SelectMany(minor => Enumerable.Range(0, 30).Select(patch => new Semver.SemVersion(1, minor, patch))).Any(range.Contains);
        return takesOld == takesNew
            ? Fact<bool>.NotKnown(at, $"chart version {release.Constraint} spans Cilium before and after 1.16")
            : new Fact<bool>(takesOld, at);
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
