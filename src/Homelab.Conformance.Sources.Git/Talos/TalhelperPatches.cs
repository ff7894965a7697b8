using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// The patches of one talconfig level (global, <c>controlPlane</c>/<c>worker</c>, a node) in
/// talhelper's order: the deprecated <c>inlinePatch</c> and <c>configPatches</c>, then
/// <c>patches</c>, whose entries are <c>"@./file.yaml"</c> (relative to the talconfig) or inline
/// YAML text. Inline text is parsed so its values point at their own talconfig lines.
/// </summary>
internal sealed class TalhelperPatches(RepoFiles repo, ProblemLog problems, string talconfig)
{
    private readonly string _folder = Path.GetDirectoryName(talconfig)?.Replace('\\', '/') ?? "";

    /// <summary>Every file a patch entry names, so the scan of the repo does not count it again.</summary>
    public HashSet<string> Referenced { get; } = new(StringComparer.Ordinal);

    public List<TalosPatch> Load(MapNode? level)
    {
        var patches = new List<TalosPatch>();
        if (level is null) return patches;
        if (level["inlinePatch"] is MapNode inline) patches.Add(new([inline]));
        if (level["configPatches"] is ListNode operations) patches.Add(new([operations]));
        foreach (var entry in level.List("patches")?.Items ?? [])
            if (Entry(entry) is { } patch) patches.Add(patch);
        return patches;
    }

    private TalosPatch? Entry(Node entry)
    {
        switch (entry)
        {
            case MapNode or ListNode:
                return new([entry]);
            case ScalarNode { Value: null }:
                return null;
            case ScalarNode s when ScalarNode.IsEncrypted(s.Value):
                problems.Warning(s.Origin, "patch is encrypted (SOPS); its values are not read");
                return TalosPatch.NotRead($"an encrypted patch ({s.Origin.Location}) is not read");
            case ScalarNode s when s.Value!.StartsWith('@'):
                return File(s, s.Value[1..]);
            case ScalarNode s:
                return Inline(s, s.Value!);
            default:
                return null;
        }
    }

    private TalosPatch? File(ScalarNode at, string path)
    {
        if (OfflineValues.Why(path) is { } why)
        {
            problems.Warning(at.Origin, $"patch file '{path}' cannot be found offline: {why}");
            return TalosPatch.NotRead($"patch file '{path}' cannot be found offline");
        }
        if (repo.Resolve(_folder, path, at.Origin) is not { } file) return TalosPatch.NotRead($"patch file '{path}' is not read");
        Referenced.Add(file);
        if (!repo.IsFile(file))
        {
            problems.Error(at.Origin, $"patch file '{path}' does not exist");
            return TalosPatch.NotRead($"patch file '{path}' does not exist");
        }
        var documents = TalosFiles.Read(repo, problems, file, at.Origin);
        return documents is null ? TalosPatch.NotRead($"patch file {file} is templated or unreadable and not read")
            : new(documents.Select(d => d.Root).OfType<Node>().Select(Prepare).ToList());
    }

    /// <summary>Inline YAML: a literal block (<c>|</c>) maps line for line onto the talconfig; other styles all point at the entry.</summary>
    private TalosPatch? Inline(ScalarNode at, string text)
    {
        var start = at.Origin as RepoEvidence;
        int Line(int line) => at.Content is { } content ? content.Line + line - 1 : start?.Line ?? line;
        var (documents, problem) = YamlReader.Read(talconfig, text, (line, column, path) =>
            start is null ? at.Origin : start with { Line = Line(line), Column = column, YamlPath = path });
        if (problem is not null)
            problems.Error(problem.Where is RepoEvidence where ? where with { Line = Line(where.Line) } : at.Origin, $"inline patch: {problem.Cause}");
        return new(documents.Select(d => d.Root).OfType<Node>().Select(Prepare).ToList());
    }

    /// <summary>SOPS metadata is not config, and talenv variables and templates are unknown offline.</summary>
    private static Node Prepare(Node document) => OfflineValues.Mark(document is MapNode m ? m.Without("sops") : document);
}
