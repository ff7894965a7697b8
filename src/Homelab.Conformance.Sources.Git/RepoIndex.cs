using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git;

/// <summary>
/// Every YAML document of the repo, read once: for finding the Flux entry, Talos configs and
/// objects referenced from outside the rendered tree. Each file's read problems are reported,
/// reached by Flux or not, except an unrendered template's: whoever reaches it judges it (Flux
/// applying it is an error, as Flux would fail; Talos warns that it is not rendered offline).
/// </summary>
public sealed class RepoIndex
{
    private readonly ObjectIndex _index = new();

    public RepoIndex(RepoFiles repo)
    {
        var files = repo.YamlFilesUnder("").ToList();
        Files = files.Count;
        repo.Preload(files);
        Documents = files.Where(f => !repo.IsUnrenderedTemplate(f)).SelectMany(f => repo.ReadYaml(f)).ToList();
        Objects = Documents.SelectMany(d => KubeObject.FromDocument(d.Root)).ToList();
        foreach (var o in Objects) _index.Add(o);
    }

    /// <summary>How many YAML files were read.</summary>
    public int Files { get; }

    public IReadOnlyList<YamlDocument> Documents { get; }

    public IReadOnlyList<KubeObject> Objects { get; }

    /// <summary>The first object of a kind and name in the namespace, in file order (<see cref="ObjectIndex"/>'s rule).</summary>
    public KubeObject? Find(string kind, string? ns, string name) => _index.Find(kind, ns, name);

    /// <summary>Every object of a kind in the namespace, in file order.</summary>
    public IEnumerable<KubeObject> OfKind(string kind, string? ns) => _index.OfKind(kind, ns);
}
