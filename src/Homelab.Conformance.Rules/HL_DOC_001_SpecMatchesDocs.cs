using System.Globalization;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

/// <summary>
/// The spec says what the owner's architecture page says: each claim the page makes is compared
/// with the spec's key for it, and a difference names both lines. Node hardware totals are compared
/// with the spec's per-node figures times its node count.
/// </summary>
public sealed class HL_DOC_001_SpecMatchesDocs : Rule
{
    public override string Id => "HL-DOC-001";
    public override string Title => "The spec says what the architecture page says";
    public override string Claim(ArchitectureSpec spec) => "Every architecture claim of the docs pages is what the spec holds.";
    public override string Remediation => "Change the spec or the page so they state the same architecture (the `init --from-docs` command writes the page's spec as one).";
    public override Area Area => Area.Docs;
    public override IReadOnlyList<FactOrigin> Origins => [FactOrigin.Repo];
    public override IReadOnlyList<string> Reads => [];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (facts.Docs.Pages.Count == 0)
        {
            yield return Finding.NotApplicable(new AbsenceEvidence("architecture page (docs/**/*.md)", facts.Source), "the repo has no docs pages to compare the spec with");
            yield break;
        }
        var compared = 0;
        foreach (var claim in facts.Docs.Claims)
        {
            if (Expected(spec, claim.Key) is not var (specKey, value, same)) continue;
            compared++;
            var where = spec.Where(specKey).Location;
            yield return same(claim.Value)
                ? Finding.Pass(claim.At, $"the docs say {claim.Key} is {claim.Value}, as the spec does ({where})")
                : Finding.Fail(claim.At, $"the docs say {claim.Key} is {claim.Value}, the spec says {value} ({where})", value, claim.Value);
        }
        if (compared == 0)
            yield return Finding.Inconclusive(new RepoEvidence(facts.Docs.Pages[0], 1, 1, ""), $"the docs pages ({string.Join(", ", facts.Docs.Pages)}) make no architecture claim the spec has a key for");
    }

    /// <summary>The spec key a claim is about, the spec's value as text, and how a claimed value is the same.</summary>
    private static (string Key, string Value, Func<string, bool> Same)? Expected(ArchitectureSpec spec, string claim)
    {
        static Func<string, bool> Is(string expected) => v => string.Equals(v, expected, StringComparison.OrdinalIgnoreCase);
        static Func<string, bool> SameSet(IEnumerable<string> expected) =>
            v => v.Split(", ").Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
        static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string Flag(bool b) => b ? "true" : "false";
        var nodes = spec.Nodes;
        return claim switch
        {
            "nodes.count" => ("nodes.count", Text(nodes.Count), Is(Text(nodes.Count))),
            "nodes.os" => ("nodes.os", nodes.OperatingSystem, Is(nodes.OperatingSystem)),
            "nodes.perNode.diskGB" => ("nodes.perNode.diskGB", Text(nodes.PerNode.DiskGB), Is(Text(nodes.PerNode.DiskGB))),
            "resources.cpus" => ("nodes.perNode.cpuCores", Text(nodes.PerNode.CpuCores * nodes.Count), Is(Text(nodes.PerNode.CpuCores * nodes.Count))),
            "resources.memoryGB" => ("nodes.perNode.memoryGiB", Text(nodes.PerNode.MemoryGiB * nodes.Count), Is(Text(nodes.PerNode.MemoryGiB * nodes.Count))),
            "resources.diskGB" => ("nodes.perNode.diskGB", Text(nodes.PerNode.DiskGB * nodes.Count), Is(Text(nodes.PerNode.DiskGB * nodes.Count))),
            "controlPlane.count" => ("controlPlane.count", Text(spec.ControlPlane.Count), Is(Text(spec.ControlPlane.Count))),
            "controlPlane.nodes" => ("controlPlane.nodes", string.Join(", ", spec.ControlPlane.Nodes), SameSet(spec.ControlPlane.Nodes)),
            "controlPlane.schedulable" => ("controlPlane.schedulable", Flag(spec.ControlPlane.Schedulable), Is(Flag(spec.ControlPlane.Schedulable))),
            "network.cni" => ("network.cni", spec.Network.Cni, Is(spec.Network.Cni)),
            "network.kubeProxy" => ("network.kubeProxy", spec.Network.KubeProxyDisabled ? "disabled" : "enabled", Is(spec.Network.KubeProxyDisabled ? "disabled" : "enabled")),
            "network.l2LoadBalancing" => ("network.l2LoadBalancing", Flag(spec.Network.L2LoadBalancing), Is(Flag(spec.Network.L2LoadBalancing))),
            "network.networkPolicies.clusterWide" => ("network.networkPolicies.clusterWide", Flag(spec.Network.ClusterWidePolicies), Is(Flag(spec.Network.ClusterWidePolicies))),
            "network.networkPolicies.nodeLevel" => ("network.networkPolicies.nodeLevel", Flag(spec.Network.NodeLevelPolicies), Is(Flag(spec.Network.NodeLevelPolicies))),
            "storage.engine" => ("storage.engine", spec.Storage.Engine, Is(spec.Storage.Engine)),
            "storage.kinds" => ("storage.kinds", string.Join(", ", spec.Storage.Kinds.Select(k => k.ToString().ToLowerInvariant())), SameSet(spec.Storage.Kinds.Select(k => k.ToString().ToLowerInvariant()))),
            "gitops.engine" => ("gitops.engine", spec.GitOps.Engine, Is(spec.GitOps.Engine)),
            "gitops.oci" => ("gitops.requiredSourceKinds", string.Join(", ", spec.GitOps.RequiredSourceKinds), v => spec.GitOps.RequiredSourceKinds.Contains(v, StringComparer.Ordinal)),
            "observability.collector" => ("observability.collector", spec.Observability.Collector, Is(spec.Observability.Collector)),
            "observability.destination" => ("observability.destination", spec.Observability.Destination ?? "none", Is(spec.Observability.Destination ?? "none")),
            _ => null,
        };
    }
}
