using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_GIT_001_KustomizationPaths : Rule
{
    public override string Id => "HL-GIT-001";
    public override string Title => "Every Flux Kustomization path exists";
    public override string Claim(ArchitectureSpec spec) => "Flux deploys everything from the GitOps repository: each Kustomization's spec.path is a folder of its source.";
    public override string Remediation => "Fix the Kustomization's `spec.path` (relative to the repository root) or add the folder.";
    public override Area Area => Area.GitOps;
    public override IReadOnlyList<string> Reads => ["Kustomization"];
    public override IReadOnlyList<FactOrigin> Origins => [FactOrigin.Repo];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (facts.Flux.Kustomizations.Count == 0)
        {
            yield return Finding.NothingFound("Flux Kustomization", facts.Source);
            yield break;
        }
        foreach (var ks in facts.Flux.Kustomizations)
        {
            if (ks.PathExists is not { } exists) continue;
            var path = $"{ks.Id} path {ks.Path?.Value}";
            yield return (exists.Value
                ? Finding.Pass(exists.Evidence, $"{path} exists")
                : Finding.Fail(exists.Evidence, $"{path} does not exist", "an existing folder", "absent")).On(ks.Id);
        }
    }
}
