using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_GIT_004_FluxReady : Rule
{
    public override string Id => "HL-GIT-004";
    public override string Title => "Flux Kustomizations are Ready";
    public override string Claim(ArchitectureSpec spec) => "Flux has applied the repository: every Kustomization reports Ready.";
    public override string Remediation => "Read the Kustomization's Ready condition message (`flux get kustomizations`) and fix what it names.";
    public override Area Area => Area.GitOps;
    public override IReadOnlyList<string> Reads => ["Kustomization"];
    public override IReadOnlyList<FactOrigin> Origins => [FactOrigin.Live];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        var withStatus = facts.Flux.Kustomizations.Where(k => k.Ready is not null).ToList();
        if (withStatus.Count == 0)
        {
            yield return Finding.NothingFound("Flux Kustomization with a Ready condition", facts.Source);
            yield break;
        }
        foreach (var ks in withStatus)
            // Flux does not reconcile a suspended Kustomization: Ready says how it was, not how the repo is applied now.
            yield return ks.Suspended is { IsKnown: true, Value: true } suspended
                ? Finding.Inconclusive(suspended.Evidence, $"{ks.Id} is suspended (spec.suspend: true): Flux applies no change to it, so its Ready condition is from before").On(ks.Id)
                : Checks.Expect(ks.Ready, Checks.IsTrue, $"{ks.Id} Ready", "True", facts.Source, ks.Id);
    }
}
