using System.Runtime.CompilerServices;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// A Flux Operator <c>FluxInstance</c> (fluxcd.controlplane.io): what it syncs the cluster from,
/// <c>spec.sync</c>, which makes the repo folder at its path an entry Flux applies first.
/// </summary>
public sealed record FluxInstance(ObjectRef Id, Evidence Origin)
{
    private static readonly ConditionalWeakTable<KubeObject, FluxParseResult<FluxInstance>> Parsed = new();

    /// <summary><c>spec.sync</c>: the source's kind, URL and ref, the folder of it to apply, and the name of the objects made (default: the namespace).</summary>
    public sealed record SyncSpec(string? Kind, Fact<string>? Url, string? Ref, Fact<string>? Path, Evidence At)
    {
        public string? Name { get; init; }
    }

    public SyncSpec? Sync { get; init; }

    public static bool Is(KubeObject o) => o.Group == FluxGroups.Operator && o.Kind == "FluxInstance";

    /// <summary>The object's view, read once however many readers ask.</summary>
    public static FluxParseResult<FluxInstance> Parse(KubeObject o) =>
        Is(o) ? Parsed.GetValue(o, Read) : throw new ArgumentException($"{o.Ref} is not a FluxInstance", nameof(o));

    private static FluxParseResult<FluxInstance> Read(KubeObject o)
    {
        var fields = new FluxFields(o);
        var sync = fields.Map(fields.Spec(), "sync");
        return fields.Result(new FluxInstance(o.Ref, o.Origin)
        {
            Sync = sync is null ? null : new SyncSpec(fields.Known(sync, "kind"), fields.Text(sync, "url"), fields.Known(sync, "ref"), fields.Text(sync, "path"), sync.Origin)
            {
                Name = fields.Known(sync, "name"),
            },
        });
    }
}
