using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using static Homelab.Conformance.Extraction.FactReading;

namespace Homelab.Conformance.Extraction;

/// <summary>Flux objects as GitOps facts, with the references between them.</summary>
internal static class FluxObjects
{
    public static bool Add(KubeObject o, FluxFacts flux)
    {
        switch (o.Group, o.Kind)
        {
            case (FluxGroups.Kustomize, "Kustomization"):
                flux.Kustomizations.Add(new KustomizationFact(o.Ref, o.Origin) { Path = Text(o.Root.At("spec.path")), Ready = ReadyCondition(o) });
                DependsOn(o, flux);
                Reference(o, "sourceRef", o.Root.Map("spec.sourceRef"), flux);
                foreach (var from in o.Root.List("spec.postBuild.substituteFrom")?.Items.OfType<MapNode>() ?? [])
                    Reference(o, "substituteFrom", from, flux, defaultKind: "ConfigMap");
                return true;
            case (FluxGroups.Helm, "HelmRelease"):
                flux.HelmReleases.Add(new ObjectFact(o.Ref, o.Origin));
                DependsOn(o, flux);
                Reference(o, "sourceRef", o.Root.Map("spec.chart.spec.sourceRef"), flux);
                Reference(o, "chartRef", o.Root.Map("spec.chartRef"), flux);
                foreach (var from in o.Root.List("spec.valuesFrom")?.Items.OfType<MapNode>() ?? [])
                    Reference(o, "valuesFrom", from, flux, defaultKind: "ConfigMap");
                return true;
            case (FluxGroups.Source or FluxGroups.SourceExtensions, _) when FluxGroups.SourceKinds.Contains(o.Kind):
                flux.Sources.Add(new ObjectFact(o.Ref, o.Origin));
                return true;
            default:
                return false;
        }
    }

    private static void DependsOn(KubeObject o, FluxFacts flux)
    {
        foreach (var item in o.Root.List("spec.dependsOn")?.Items.OfType<MapNode>() ?? [])
            Reference(o, "dependsOn", item, flux, defaultKind: o.Kind);
    }

    /// <summary>A reference names its target's kind and name; its namespace defaults to the referrer's.</summary>
    private static void Reference(KubeObject from, string relation, MapNode? reference, FluxFacts flux, string? defaultKind = null)
    {
        if (reference is null || reference.Text("name") is not { } name) return;
        var kind = reference.Text("kind") ?? defaultKind;
        if (kind is null) return;
        var ns = KubeKinds.IsClusterScoped(kind) ? null : reference.Text("namespace") ?? from.Namespace;
        var optional = reference.Scalar("optional")?.AsBool() == true;
        flux.References.Add(new FluxReference(from.Ref, relation, new ObjectRef(kind, ns, name), optional, reference.Origin));
    }
}
