namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// One <c>valuesFrom</c> entry of a HelmRelease: a ConfigMap or Secret in the release's namespace
/// (<see cref="Source"/>: kind, name, optional), the key its values are under, and where in the
/// values they go (<c>targetPath</c>; null merges them at the top).
/// </summary>
public sealed record FluxValuesReference(FluxObjectRef Source, string? ValuesKey, string? TargetPath);
