namespace Homelab.Conformance.Audit;

/// <summary>
/// A Git remote as the web address of its repository, for links to the files the evidence names:
/// <c>git@github.com:me/homelab.git</c> and <c>ssh://git@host/me/homelab</c> read
/// <c>https://github.com/me/homelab</c>. Credentials in the remote are dropped, never shown.
/// </summary>
public static class GitRemote
{
    /// <summary>The repository's https address, or null for a remote that is no forge address (a local path, a bundle).</summary>
    public static string? WebUrl(string? remote)
    {
        if (string.IsNullOrWhiteSpace(remote)) return null;
        var text = remote.Trim();
        // scp-like syntax: [user@]host:path, with no scheme.
        if (!text.Contains("://", StringComparison.Ordinal) && text.IndexOf(':') is var colon and > 0 && !text[..colon].Contains('/'))
            text = $"ssh://{text[..colon]}/{text[(colon + 1)..].TrimStart('/')}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http" or "ssh" or "git") || uri.Host.Length == 0) return null;
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith(".git", StringComparison.Ordinal)) path = path[..^4];
        if (path.Trim('/').Length == 0) return null;
        var scheme = uri.Scheme == "http" ? "http" : "https";
        var port = uri.Scheme is "https" or "http" && !uri.IsDefaultPort ? $":{uri.Port}" : "";
        return $"{scheme}://{uri.Host}{port}{path}";
    }

    /// <summary>
    /// Where a file of the repo at <paramref name="commit"/> opens on its forge: GitLab's <c>/-/blob/</c>,
    /// Bitbucket's <c>/src/</c>, else the <c>/blob/</c> of GitHub, Gitea and Forgejo.
    /// </summary>
    public static string FilesAt(string webUrl, string commit)
    {
        var host = new Uri(webUrl).Host;
        var tree = host.Contains("gitlab", StringComparison.OrdinalIgnoreCase) ? "-/blob" : host == "bitbucket.org" ? "src" : "blob";
        return $"{webUrl}/{tree}/{commit}";
    }
}
