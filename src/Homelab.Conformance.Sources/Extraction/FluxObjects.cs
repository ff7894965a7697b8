using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Flux;
using static Homelab.Conformance.Extraction.FactReading;

namespace Homelab.Conformance.Extraction;

/// <summary>
/// Flux objects as GitOps facts, with the references between them, read from their typed views.
/// A view's parse errors are the reader's to log (the repo reader logs them where it uses the
/// object); here a malformed field is just absent.
/// </summary>
internal static class FluxObjects
{
    public static bool Add(KubeObject o, FluxFacts flux)
    {
        if (FluxKustomization.Is(o))
        {
            var ks = FluxKustomization.Parse(o).View;
            flux.Kustomizations.Add(new KustomizationFact(o.Ref, o.Origin) { Path = ks.Path, Ready = ReadyCondition(o), Suspended = ks.Suspend });
            DependsOn(o, ks.DependsOn, flux);
            Reference(o, "sourceRef", ks.SourceRef, flux);
            foreach (var from in ks.SubstituteFrom) Reference(o, "substituteFrom", from, flux, defaultKind: "ConfigMap");
            return true;
        }
        if (FluxHelmRelease.Is(o))
        {
            var release = FluxHelmRelease.Parse(o).View;
            flux.HelmReleases.Add(new ObjectFact(o.Ref, o.Origin));
            DependsOn(o, release.DependsOn, flux);
            Reference(o, "sourceRef", release.Chart?.SourceRef, flux);
            Reference(o, "chartRef", release.ChartRef, flux);
            foreach (var from in release.ValuesFrom) Reference(o, "valuesFrom", from.Source, flux, defaultKind: "ConfigMap");
            return true;
        }
        if (FluxSource.Is(o))
        {
            flux.Sources.Add(new ObjectFact(o.Ref, o.Origin));
            return true;
        }
        return false;
    }

    private static void DependsOn(KubeObject o, IReadOnlyList<FluxObjectRef> dependencies, FluxFacts flux)
    {
        foreach (var dependency in dependencies) Reference(o, "dependsOn", dependency, flux, defaultKind: o.Kind);
    }

    /// <summary>A reference names its target's kind and name; its namespace defaults to the referrer's.</summary>
    private static void Reference(KubeObject from, string relation, FluxObjectRef? reference, FluxFacts flux, string? defaultKind = null)
    {
        if (reference?.Name is not { } name) return;
        var kind = reference.Kind ?? defaultKind;
        if (kind is null) return;
        var ns = KubeKinds.IsClusterScoped(kind) ? null : reference.NamespaceFrom(from.Namespace);
        flux.References.Add(new FluxReference(from.Ref, relation, new ObjectRef(kind, ns, name), reference.Optional, reference.At));
    }
}
