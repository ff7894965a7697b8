using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git;

/// <summary>
/// Every YAML document of the repo, read once: for finding the Flux entry, Talos configs and
/// objects referenced from outside the rendered tree. Read quietly: a file's problems are the
/// repo's once a reader uses the file (Flux applying it, the Talos reader taking it for config),
/// and a broken file nothing uses is not what the cluster runs.
/// </summary>
public sealed class RepoIndex
{
    private readonly ObjectIndex _index = new();

    public RepoIndex(RepoFiles repo)
    {
        var files = repo.YamlFilesUnder("").ToList();
        Files = files.Count;
        repo.Preload(files);
        Documents = repo.Quietly(() => files.Where(f => !repo.IsUnrenderedTemplate(f)).SelectMany(f => repo.ReadYaml(f)).ToList());
        var objects = new List<KubeObject>(Documents.Count);
        foreach (var document in Documents) KubeObject.AddFromDocument(document.Root, objects);
        Objects = objects;
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
