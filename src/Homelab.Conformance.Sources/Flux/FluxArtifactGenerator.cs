using System.Runtime.CompilerServices;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// A Flux <c>ArtifactGenerator</c> (source.extensions.fluxcd.io): the sources it reads, each by an
/// alias, and the ExternalArtifacts it makes from them, each a list of copies from
/// <c>@alias/glob</c> to <c>@artifact/dir</c>.
/// </summary>
public sealed record FluxArtifactGenerator(ObjectRef Id, Evidence Origin)
{
    private static readonly ConditionalWeakTable<KubeObject, FluxParseResult<FluxArtifactGenerator>> Parsed = new();

    /// <summary>A source the generator reads (<c>spec.sources</c>), named by its alias.</summary>
    public sealed record Input(string? Alias, FluxObjectRef Source);

    /// <summary>One ExternalArtifact the generator makes (<c>spec.artifacts</c>).</summary>
    public sealed record Artifact(string? Name, IReadOnlyList<Copy> Copies, Evidence At);

    /// <summary>One <c>copy</c> entry: a glob of a source (<c>@alias/dir/**</c>) to a folder of the artifact, less what it excludes.</summary>
    public sealed record Copy(string? From, string? To, Evidence At)
    {
        public IReadOnlyList<string> Exclude { get; init; } = [];
    }

    public IReadOnlyList<Input> Sources { get; init; } = [];

    public IReadOnlyList<Artifact> Artifacts { get; init; } = [];

    public static bool Is(KubeObject o) => o.Group == FluxGroups.SourceExtensions && o.Kind == "ArtifactGenerator";

    /// <summary>The object's view, read once however many readers ask.</summary>
    public static FluxParseResult<FluxArtifactGenerator> Parse(KubeObject o) =>
        Is(o) ? Parsed.GetValue(o, Read) : throw new ArgumentException($"{o.Ref} is not a Flux ArtifactGenerator", nameof(o));

    private static FluxParseResult<FluxArtifactGenerator> Read(KubeObject o)
    {
        var fields = new FluxFields(o);
        var spec = fields.Spec();
        return fields.Result(new FluxArtifactGenerator(o.Ref, o.Origin)
        {
            Sources = fields.Maps(spec, "sources")
                .Select(s => new Input(fields.Known(s, "alias"), fields.Ref(s, FluxRefParts.Kind | FluxRefParts.Namespace)))
                .ToList(),
            Artifacts = fields.Maps(spec, "artifacts")
                .Select(a => new Artifact(fields.Known(a, "name"), fields.Maps(a, "copy").Select(c => new Copy(fields.Known(c, "from"), fields.Known(c, "to"), c.Origin)
                {
                    Exclude = fields.Scalars(c, "exclude").Select(e => e.Value).OfType<string>().ToList(),
                }).ToList(), a.Origin))
                .ToList(),
        });
    }
}
