using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_GIT_003_SourceKinds : Rule
{
    public override string Id => "HL-GIT-003";
    public override string Title => "Flux sources of the allowed kinds, OCI among them";
    public override string Claim(ArchitectureSpec spec) => "Flux is the GitOps engine and pulls from the allowed source kinds" +
        (spec.GitOps.RequiredSourceKinds.Count == 0 ? "." : $", with full {Words.And(spec.GitOps.RequiredSourceKinds.Select(Protocol))} support in use.");
    public override string Remediation => "Use only the spec's allowed source kinds, and declare at least one source of each required kind (e.g. an OCIRepository).";
    public override Area Area => Area.GitOps;
    public override IReadOnlyList<string> DocsKeys => ["gitops.engine", "gitops.oci"];
    public override IReadOnlyList<string> Reads => ["GitRepository", "OCIRepository", "HelmRepository"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        var sources = facts.Flux.Sources;
        if (spec.GitOps.Engine != "flux")
        {
            yield return Finding.Inconclusive(new AbsenceEvidence("check", spec.File), $"no check is defined for GitOps engine '{spec.GitOps.Engine}'");
            yield break;
        }
        if (sources.Count == 0)
        {
            yield return Finding.Fail(new AbsenceEvidence("Flux source", facts.Source), "no Flux source is declared", "Flux sources", "none");
            yield break;
        }
        foreach (var source in sources)
            yield return (spec.GitOps.AllowedSourceKinds.Contains(source.Id.Kind)
                ? Finding.Pass(source.Evidence, $"{source.Id} is an allowed source kind")
                : Finding.Fail(source.Evidence, $"{source.Id} is not an allowed source kind", string.Join(", ", spec.GitOps.AllowedSourceKinds), source.Id.Kind)).On(source.Id);
        foreach (var kind in spec.GitOps.RequiredSourceKinds.Where(k => sources.All(s => s.Id.Kind != k)))
            yield return Finding.Fail(new AbsenceEvidence(kind, facts.Source), $"no {kind} is declared, but the spec requires one", kind, "none");
    }

    /// <summary>What a source kind pulls from: OCIRepository is OCI, GitRepository is Git.</summary>
    private static string Protocol(string kind) => kind.EndsWith("Repository", StringComparison.Ordinal) ? kind[..^"Repository".Length] : kind;
}
