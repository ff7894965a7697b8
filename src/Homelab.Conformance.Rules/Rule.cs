using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

/// <summary>The part of the architecture a rule belongs to.</summary>
public enum Area { ControlPlane, Nodes, Network, Storage, GitOps, Observability, Docs }

/// <summary>
/// A rule compares the spec with the facts. It never reads files or calls the API: the sources
/// did that. Each rule is one small file named by its id.
/// </summary>
public abstract class Rule
{
    /// <summary>Stable id, e.g. <c>HL-CP-001</c>; reports and waivers refer to it.</summary>
    public abstract string Id { get; }

    public abstract string Title { get; }

    /// <summary>The claim of the architecture page this rule checks, in the spec's own numbers and names.</summary>
    public abstract string Claim(ArchitectureSpec spec);

    /// <summary>What to change when the rule fails.</summary>
    public abstract string Remediation { get; }

    public abstract Area Area { get; }

    /// <summary>The fact origins this rule can judge; e.g. node capacity is only seen live.</summary>
    public virtual IReadOnlyList<FactOrigin> Origins => [FactOrigin.Repo, FactOrigin.Live];

    /// <summary>The docs claims about what this rule checks (<c>nodes.count</c>, ...): reports show their lines beside its evidence.</summary>
    public virtual IReadOnlyList<string> DocsKeys => [];

    /// <summary>The kinds a live source must be able to list for this rule to decide; unreadable ones make it inconclusive.</summary>
    public virtual IReadOnlyList<string> Reads => [];

    public abstract IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts);

    public override string ToString() => $"{Id} {Title}";
}
