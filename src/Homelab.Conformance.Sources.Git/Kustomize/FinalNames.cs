using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// kustomize's last step of a build: each generated ConfigMap or Secret without
/// <c>disableNameSuffixHash</c> gets its content hash appended to its name, then the references
/// kustomize knows of follow every renamed object (hash suffix, namePrefix, nameSuffix). A
/// reference it does not know of (a HelmRelease's valuesFrom, unless a configuration names it)
/// keeps the declared name, which the cluster will not have.
/// </summary>
internal static class FinalNames
{
    public static List<KubeObject> Apply(List<KubeObject> objects, NameReferences references, ProblemLog problems)
    {
        var result = objects.Select(o =>
        {
            if (!o.GeneratedWithHashSuffix) return o;
            var suffix = o.Kind == "ConfigMap" ? NameHash.ConfigMap(o.Root) : o.HashSuffix;
            if (suffix is not null) return o.WithHashSuffix(suffix);
            problems.Warning(o.Origin, $"the hash suffix of generated {o.Ref} cannot be computed offline (a value is encrypted or merged); it is read without one");
            return o;
        }).ToList();
        return references.Rewrite(result);
    }
}
