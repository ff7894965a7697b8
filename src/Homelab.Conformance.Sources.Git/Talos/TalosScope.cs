using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Flux;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// Which of the repo's Talos files describe the audited cluster. Nothing refers to a Talos config
/// the way Flux refers to manifests, so the repo's layout says it: a file in an archive folder
/// (<c>archive/</c>, <c>deprecated/</c>, <c>old/</c>, <c>*.disabled/</c>, ...) describes no running
/// machine, and in a repo of several clusters a file under another cluster's name is that cluster's.
/// </summary>
internal sealed class TalosScope(IReadOnlyCollection<string> own, IReadOnlyCollection<string> others)
{
    private static readonly string[] ArchiveNames =
        ["archive", "archived", "archives", "attic", "deprecated", "graveyard", "legacy", "old", "unused", "backup", "backups"];

    private static readonly string[] ArchiveSuffixes = [".disabled", ".old", ".bak", ".archived"];

    public static TalosScope Whole { get; } = new([], []);

    /// <summary>
    /// The scope of <paramref name="chosen"/> among the repo's entries: each cluster is named by the
    /// segments of its entry path that the other entries' paths lack (<c>main</c> of <c>kubernetes/main/flux</c>).
    /// </summary>
    public static TalosScope For(FluxEntry? chosen, IReadOnlyList<FluxEntry> entries)
    {
        if (chosen is null || entries.Count < 2) return Whole;
        IEnumerable<string> Names(FluxEntry entry) =>
            entry.Path.Split('/').Where(segment => entries.Where(e => e != entry).All(e => !e.Path.Split('/').Contains(segment, StringComparer.Ordinal)));
        var own = Names(chosen).ToHashSet(StringComparer.Ordinal);
        return new TalosScope(own, entries.Where(e => e != chosen).SelectMany(Names).Where(n => !own.Contains(n)).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The archive folder a file lies in (its path up to that folder), or null.</summary>
    public string? ArchiveOf(string file)
    {
        var segments = file.Split('/')[..^1];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i].TrimStart('.', '_').ToLowerInvariant();
            if (own.Contains(segments[i])) continue;
            if (ArchiveNames.Contains(segment) || IsArchiveSuffixed(segment))
                return string.Join('/', segments[..(i + 1)]);
        }
        return null;
    }

    private static bool IsArchiveSuffixed(string segment)
    {
        foreach (var suffix in ArchiveSuffixes)
            if (segment.EndsWith(suffix, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Whether a file lies under another cluster's name and not under this one's.</summary>
    public bool IsOtherClusters(string file)
    {
        // A repo of one cluster (the usual case) has no other's names: no file is split for them.
        if (others.Count == 0) return false;
        var segments = file.Split('/');
        return segments.Any(others.Contains) && !segments.Any(own.Contains);
    }

    /// <summary>Whether the file is one of this cluster's, warning once per archive folder that holds a talconfig left unread.</summary>
    public bool Includes(string file, ProblemLog problems, ISet<string> warned)
    {
        if (IsOtherClusters(file)) return false;
        if (ArchiveOf(file) is not { } archive) return true;
        if (TalosFiles.IsTalconfig(file) && warned.Add(archive))
            problems.Warning(new RepoEvidence(file, 1, 1, ""), $"{archive}/ is an archive folder: its Talos configs describe no running machine and are not read");
        return false;
    }
}
