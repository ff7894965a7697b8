using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// kustomize's last step of a build: each generated ConfigMap or Secret without
/// <c>disableNameSuffixHash</c> gets its content hash appended to its name, and the references
/// kustomize knows of follow. A reference it does not know of (a HelmRelease's valuesFrom, unless a
/// configuration names it) keeps the old name, which the cluster will not have.
/// </summary>
internal static class HashSuffixes
{
    public static List<KubeObject> Apply(List<KubeObject> objects, NameReferences references, RepoFiles repo)
    {
        var renamed = new Dictionary<ObjectRef, string>();
        var result = objects.Select(o =>
        {
            if (!o.GeneratedWithHashSuffix || o.GeneratedName is not null) return o;
            var suffix = o.Kind == "ConfigMap" ? NameHash.ConfigMap(o.Root) : o.HashSuffix;
            if (suffix is null)
            {
                repo.Report(o.Origin, $"the hash suffix of generated {o.Ref} cannot be computed offline (a value is encrypted or merged); it is read without one", Severity.Warning);
                return o;
            }
            var name = $"{o.Name}-{suffix}";
            renamed[o.Ref] = name;
            return o.Renamed(name);
        }).ToList();
        return references.Rewrite(result, renamed);
    }
}
