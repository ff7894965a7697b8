using System.Runtime.CompilerServices;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// A Flux <c>Kustomization</c> (kustomize.toolkit.fluxcd.io, any version) as the readers use it:
/// what to build (<see cref="Path"/> of <see cref="SourceRef"/>), what Flux lays over the build
/// (components, patches, targetNamespace, name prefix and suffix), post-build substitution, and
/// its dependencies. Each field keeps its node's evidence; absent fields are null or empty.
/// </summary>
public sealed record FluxKustomization(ObjectRef Id, Evidence Origin)
{
    private static readonly ConditionalWeakTable<KubeObject, FluxParseResult<FluxKustomization>> Parsed = new();

    /// <summary><c>spec.path</c> as written; null when absent (Flux then builds the source's root).</summary>
    public Fact<string>? Path { get; init; }

    /// <summary><c>spec.sourceRef</c>: kind, name and namespace.</summary>
    public FluxObjectRef? SourceRef { get; init; }

    /// <summary><c>spec.dependsOn</c>: Kustomizations by name and namespace.</summary>
    public IReadOnlyList<FluxObjectRef> DependsOn { get; init; } = [];

    /// <summary><c>spec.targetNamespace</c> as written (null and unknown values too): it replaces the build's namespace.</summary>
    public ScalarNode? TargetNamespace { get; init; }

    public Fact<bool>? Prune { get; init; }

    public Fact<bool>? Suspend { get; init; }

    /// <summary><c>spec.postBuild.substitute</c>: variable names and their values.</summary>
    public IReadOnlyList<KeyValuePair<string, ScalarNode>> Substitute { get; init; } = [];

    /// <summary><c>spec.postBuild.substituteFrom</c>: ConfigMaps and Secrets (kind, name, optional) in the Kustomization's namespace.</summary>
    public IReadOnlyList<FluxObjectRef> SubstituteFrom { get; init; } = [];

    /// <summary><c>spec.patches</c>: kustomize patch entries (<c>patch</c>, <c>target</c>), applied after the build.</summary>
    public IReadOnlyList<MapNode> Patches { get; init; } = [];

    /// <summary><c>spec.components</c>: component folders, relative to the path.</summary>
    public IReadOnlyList<ScalarNode> Components { get; init; } = [];

    public Fact<string>? NamePrefix { get; init; }

    public Fact<string>? NameSuffix { get; init; }

    public static bool Is(KubeObject o) => o.Group == FluxGroups.Kustomize && o.Kind == "Kustomization";

    /// <summary>The object's view, read once however many readers ask.</summary>
    public static FluxParseResult<FluxKustomization> Parse(KubeObject o) =>
        Is(o) ? Parsed.GetValue(o, Read) : throw new ArgumentException($"{o.Ref} is not a Flux Kustomization", nameof(o));

    private static FluxParseResult<FluxKustomization> Read(KubeObject o)
    {
        var fields = new FluxFields(o);
        var spec = fields.Spec();
        var postBuild = fields.Map(spec, "postBuild");
        return fields.Result(new FluxKustomization(o.Ref, o.Origin)
        {
            Path = fields.Text(spec, "path"),
            SourceRef = fields.Ref(spec, "sourceRef", FluxRefParts.Kind | FluxRefParts.Namespace),
            DependsOn = fields.Refs(spec, "dependsOn", FluxRefParts.Namespace),
            TargetNamespace = fields.Scalar(spec, "targetNamespace"),
            Prune = fields.Bool(spec, "prune"),
            Suspend = fields.Bool(spec, "suspend"),
            Substitute = postBuild is null ? [] : fields.Strings(postBuild, "substitute"),
            SubstituteFrom = postBuild is null ? [] : fields.Refs(postBuild, "substituteFrom", FluxRefParts.Kind | FluxRefParts.Optional),
            Patches = fields.Maps(spec, "patches"),
            Components = fields.Scalars(spec, "components"),
            NamePrefix = fields.Text(spec, "namePrefix"),
            NameSuffix = fields.Text(spec, "nameSuffix"),
        });
    }
}
