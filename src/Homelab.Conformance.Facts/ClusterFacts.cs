using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Facts;

/// <summary>Whether the facts were declared in the repo or observed in a running cluster.</summary>
public enum FactOrigin { Repo, Live }

/// <summary>
/// Everything the rules see, in one model that both the repo reader and the live reader fill.
/// It holds no file-format detail but evidence, so a rule never knows where its facts came from:
/// what a source cannot show is in the facts themselves (an unknown value, a partial
/// <see cref="Listing"/>), never a branch on <see cref="Origin"/> in a rule.
/// </summary>
public sealed class ClusterFacts
{
    /// <summary>Selects the rules that can judge this source at all (<c>Rule.Origins</c>); no rule reads it.</summary>
    public required FactOrigin Origin { get; init; }

    /// <summary>What was read, e.g. <c>repo fixtures/homelab</c> or <c>cluster https://10.0.0.10:6443</c>.</summary>
    public required string Source { get; init; }

    public List<NodeFact> Nodes { get; } = [];

    /// <summary>Settings that allow or forbid workloads on control planes (Talos <c>allowSchedulingOnControlPlanes</c>).</summary>
    public List<Fact<bool>> ControlPlaneScheduling { get; } = [];

    public KubeProxyFacts KubeProxy { get; } = new();

    public NetworkFacts Network { get; } = new();

    public StorageFacts Storage { get; } = new();

    public FluxFacts Flux { get; } = new();

    public List<CollectorFact> Collectors { get; } = [];

    /// <summary>What the owner's docs pages claim of the architecture (a repo's <c>docs/</c>, or the pages <c>--docs</c> names).</summary>
    public DocsFacts Docs { get; } = new();

    /// <summary>Kinds the source could not read (CRD absent, access denied), with the reason.</summary>
    public Dictionary<string, string> UnreadableKinds { get; } = new(StringComparer.Ordinal);

    public List<InputProblem> Problems { get; } = [];

    /// <summary>How many objects the source read (rendered from the repo, or listed from the cluster).</summary>
    public int ObjectCount { get; set; }
}
