using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git;

/// <summary>
/// Every YAML document of the repo, read once: for finding the Flux entry, Talos configs and
/// objects referenced from outside the rendered tree. Each file's read problems are reported,
/// reached by Flux or not.
/// </summary>
public sealed class RepoIndex
{
    public RepoIndex(RepoFiles repo)
    {
        Documents = repo.YamlFilesUnder("").SelectMany(f => repo.ReadYaml(f)).ToList();
        Objects = Documents.SelectMany(d => KubeObject.FromDocument(d.Root)).ToList();
    }

    public IReadOnlyList<YamlDocument> Documents { get; }

    public IReadOnlyList<KubeObject> Objects { get; }

    public KubeObject? Find(string kind, string? ns, string name) =>
        Objects.FirstOrDefault(o => o.Kind == kind && o.Name == name && (ns is null || o.Namespace == ns));
}
