using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_GIT_002_FluxReferences : Rule
{
    public override string Id => "HL-GIT-002";
    public override string Title => "Flux references resolve";
    public override string Claim(ArchitectureSpec spec) => "Every dependsOn, sourceRef, valuesFrom and substituteFrom of a Flux object points at an object that exists.";
    public override string Remediation =>
        "Create the referenced object, fix the reference's name or namespace, or mark a values/substitution source `optional: true`. " +
        "For a generated ConfigMap or Secret, set `disableNameSuffixHash: true` or add a kustomize `nameReference` configuration for the field.";
    public override Area Area => Area.GitOps;
    // ConfigMaps and Secrets are not listed here: a missing reference target is marked with its kind
    // (Finding.Missing), so only the references to a kind that could not be read become inconclusive.
    public override IReadOnlyList<string> Reads => ["Kustomization", "HelmRelease", "GitRepository", "OCIRepository", "HelmRepository"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        var flux = facts.Flux;
        if (flux.References.Count == 0)
        {
            yield return Finding.NothingFound("Flux reference", facts.Source);
            yield break;
        }
        foreach (var reference in flux.References)
        {
            var what = $"{reference.From} {reference.Relation} {reference.Target}";
            if (flux.Inventory.Contains(reference.Target))
            {
                yield return Finding.Pass(reference.Evidence, $"{what} exists").On(reference.From);
                continue;
            }
            var absent = flux.Renamed.TryGetValue(reference.Target, out var renamed)
                ? Finding.Fail(reference.Evidence, $"{what} does not exist: kustomize names it {renamed.Name} and does not rename this reference",
                    reference.Target.ToString(), renamed.ToString())
                : reference.Optional
                    ? Finding.Pass(reference.Evidence, $"{what} is absent but optional")
                    : Finding.Fail(reference.Evidence, $"{what} does not exist", reference.Target.ToString(), "absent");
            yield return absent.On(reference.From) with { Missing = new MissingObject(reference.Target.Kind, what) };
        }
    }
}
