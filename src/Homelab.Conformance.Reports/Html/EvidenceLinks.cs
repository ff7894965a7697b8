
namespace Homelab.Conformance.Reports.Html;

/// <summary>
/// Evidence as the reader sees it: a repo place links to the file, on the forge when
/// <c>HOMELAB_REPO_URL</c> names it (<c>&lt;url&gt;/&lt;file&gt;#L&lt;line&gt;</c>) or the repo's
/// <c>origin</c> remote does (at the run's commit), else as a <c>file://</c> link under the run's repo path; a live object reads <c>Kind namespace/name (field)</c>.
/// </summary>
internal sealed class EvidenceLinks(string? repoPath, string? repoUrl)
{
    public const string RepoUrlVariable = "HOMELAB_REPO_URL";

    /// <summary>
    /// The forge URL files link to: an absolute http(s) URL, <c>{commit}</c> replaced by the run's
    /// commit; anything else (a typo, <c>javascript:</c>) is ignored and links stay <c>file://</c>.
    /// </summary>
    public static string? RepoUrl(string? value, string? commit)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var url = value.Trim().TrimEnd('/');
        if (commit is not null) url = url.Replace("{commit}", commit, StringComparison.Ordinal);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? url : null;
    }

    /// <summary>
    /// Without <c>HOMELAB_REPO_URL</c>: the files of the run's commit on the forge of the repo's
    /// <c>origin</c> remote, under the audited folder's place in the work tree; null without either.
    /// </summary>
    public static string? FromRemote(Audit.RunMetadata metadata) =>
        metadata is { RepoRemote: { } remote, RepoCommit: { } commit }
            ? (Audit.GitRemote.FilesAt(remote, commit) + "/" + EscapePath((metadata.RepoPathInGit ?? "").Trim('/'))).TrimEnd('/')
            : null;

    /// <summary>Where a repo file opens, or null when the evidence is not a repo file (the spec is not one) or the repo folder is unknown.</summary>
    public string? Href(EvidenceEntry evidence)
    {
        if (string.IsNullOrEmpty(evidence.File) || evidence.Type == "spec") return null;
        var line = evidence.Line is > 0 ? $"#L{evidence.Line}" : "";
        if (repoUrl is not null) return $"{repoUrl}/{EscapePath(evidence.File)}{line}";
        if (string.IsNullOrEmpty(repoPath)) return null;
        var full = Path.GetFullPath(Path.Combine(repoPath, evidence.File)).Replace('\\', '/');
        return "file://" + (full.StartsWith('/') ? "" : "/") + EscapePath(full) + line;
    }

    public void Write(HtmlBuilder html, EvidenceEntry? evidence)
    {
        if (evidence is null) return;
        using (html.Tag("span", "evidence"))
        {
            html.Element("span", Label(evidence.Type), "ev-type");
            var text = Text(evidence);
            if (Href(evidence) is { } href) html.Element("a", text, "ev-link", ("href", href), ("title", "Open " + evidence.File));
            else html.Element("code", text);
        }
    }

    public static string Text(EvidenceEntry evidence)
    {
        if (evidence.Type != "live" || string.IsNullOrEmpty(evidence.Kind)) return evidence.Location;
        var name = string.IsNullOrEmpty(evidence.Namespace) ? evidence.Name : $"{evidence.Namespace}/{evidence.Name}";
        var text = $"{evidence.Kind} {name}";
        return string.IsNullOrEmpty(evidence.Field) ? text : $"{text} ({evidence.Field})";
    }

    private static string Label(string type) => type switch
    {
        "repo" => "repo",
        "live" => "cluster",
        "chart-default" => "chart default",
        "default" => "default",
        "spec" => "spec",
        "absence" => "absent",
        _ => type,
    };

    /// <summary>Escapes each segment of a path, keeping the slashes and a Windows drive (<c>C:</c>).</summary>
    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(segment =>
        segment.Length == 2 && segment[1] == ':' && char.IsAsciiLetter(segment[0]) ? segment : Uri.EscapeDataString(segment)));
}
