using Homelab.Conformance.Audit;

namespace Homelab.Conformance.Tests.Audit;

/// <summary>A Git remote read as its repository's web address (for file links and the trend's key), credentials dropped.</summary>
public sealed class GitRemoteTests
{
    [Theory]
    [InlineData("git@github.com:me/homelab.git", "https://github.com/me/homelab")]
    [InlineData("github.com:me/homelab", "https://github.com/me/homelab")]
    [InlineData("ssh://git@gitlab.example:2222/group/sub/homelab.git", "https://gitlab.example/group/sub/homelab")]
    [InlineData("https://me:ghp_secret@github.com/me/homelab.git", "https://github.com/me/homelab")]
    [InlineData("https://gitea.lan:3000/me/homelab/", "https://gitea.lan:3000/me/homelab")]
    [InlineData("/srv/git/homelab.git", null)]
    [InlineData("file:///srv/git/homelab.git", null)]
    [InlineData("https://github.com/", null)]
    [InlineData("", null)]
    public void A_remote_reads_as_the_web_address_of_its_repository(string remote, string? expected)
    {
        GitRemote.WebUrl(remote).Should().Be(expected);
    }

    [Theory]
    [InlineData("https://github.com/me/homelab", "https://github.com/me/homelab/blob/abc123")]
    [InlineData("https://gitlab.com/me/homelab", "https://gitlab.com/me/homelab/-/blob/abc123")]
    [InlineData("https://bitbucket.org/me/homelab", "https://bitbucket.org/me/homelab/src/abc123")]
    public void Files_at_a_commit_follow_the_forge_s_own_paths(string web, string expected)
    {
        GitRemote.FilesAt(web, "abc123").Should().Be(expected);
    }
}
