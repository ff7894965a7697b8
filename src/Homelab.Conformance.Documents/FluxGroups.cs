namespace Homelab.Conformance.Documents;

/// <summary>The API groups of Flux's kinds, matched without version so every API version is read.</summary>
public static class FluxGroups
{
    public const string Kustomize = "kustomize.toolkit.fluxcd.io";
    public const string Helm = "helm.toolkit.fluxcd.io";
    public const string Source = "source.toolkit.fluxcd.io";
    public const string SourceExtensions = "source.extensions.fluxcd.io";
    public const string Operator = "fluxcd.controlplane.io";

    public static readonly string[] SourceKinds = ["GitRepository", "OCIRepository", "HelmRepository", "Bucket", "HelmChart", "ExternalArtifact"];
}
