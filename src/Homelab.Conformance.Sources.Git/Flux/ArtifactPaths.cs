using Homelab.Conformance.Sources.Flux;

namespace Homelab.Conformance.Sources.Git.Flux;

/// <summary>
/// Where a path of an ExternalArtifact that an ArtifactGenerator composes from this repo is in
/// the repo. A copy takes the files under the static part of its glob (<c>@repo/apps/**</c>: what is
/// under <c>apps/</c>) to a folder of the artifact (<c>to: @artifact/web/</c>), so the artifact's
/// <c>web/x</c> is the repo's <c>apps/x</c>. A path several copies fill, or one a copy fills less
/// what it excludes, is no single repo folder: it is not read, and the reason says so.
/// </summary>
internal static class ArtifactPaths
{
    public static (string? Folder, string? Why) Resolve(FluxArtifactGenerator.Artifact artifact, Func<string?, bool> isThisRepo, string path)
    {
        var wanted = FluxEntries.Normal(path);
        var copies = artifact.Copies.Select(c => (Copy: c, Parsed: Parse(c, isThisRepo))).Where(c => c.Parsed is not null).ToList();
        var covering = copies.Where(c => Within(wanted, c.Parsed!.Value.To) || Within(c.Parsed!.Value.To, wanted)).ToList();
        if (covering.Count == 0) return (null, $"no copy of ExternalArtifact {artifact.Name} from this repository fills its path '{wanted}'");
        if (covering.Count > 1) return (null, $"ExternalArtifact {artifact.Name} composes {covering.Count} copies at '{wanted}', more than one folder of this repository");
        var (copy, parsed) = covering[0];
        if (copy.Exclude.Count > 0) return (null, $"the copy into ExternalArtifact {artifact.Name} excludes {string.Join(", ", copy.Exclude)}, so its files are not a folder of this repository as it stands");
        var (from, to) = parsed!.Value;
        // The artifact's path below the copy's destination is the same path below the copy's source folder.
        var rest = Within(wanted, to) ? wanted[to.Length..].Trim('/') : "";
        return (string.Join('/', new[] { from, rest }.Where(p => p.Length > 0)), null);
    }

    /// <summary>The copy's source folder and destination, when it copies a folder of this repository.</summary>
    private static (string From, string To)? Parse(FluxArtifactGenerator.Copy copy, Func<string?, bool> isThisRepo)
    {
        if (copy.From is not { } from || !from.StartsWith('@')) return null;
        var slash = from.IndexOf('/');
        if (!isThisRepo(slash < 0 ? from[1..] : from[1..slash])) return null;
        var source = slash < 0 ? "" : from[(slash + 1)..];
        var glob = source.IndexOfAny(['*', '?', '[']);
        var folder = (glob < 0 ? source : source[..glob]).Trim('/');
        var to = copy.To is { } dest && dest.StartsWith("@artifact", StringComparison.Ordinal) ? dest["@artifact".Length..].Trim('/') : "";
        return (folder, to);
    }

    private static bool Within(string path, string folder) =>
        folder.Length == 0 || path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);
}
