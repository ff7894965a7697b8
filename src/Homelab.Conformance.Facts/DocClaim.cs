using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Facts;

/// <summary>
/// One architecture claim an owner's docs page makes (<c>nodes.count</c> is <c>4</c>), where it
/// is made, and the words that make it.
/// </summary>
public sealed record DocClaim(string Key, string Value, RepoEvidence At, string Text);

/// <summary>What the docs pages of the repo claim, and the lines that name the architecture but were not understood.</summary>
public sealed class DocsFacts
{
    public List<DocClaim> Claims { get; } = [];

    public List<(RepoEvidence At, string Text)> NotUnderstood { get; } = [];

    /// <summary>The pages read, relative to the repo.</summary>
    public List<string> Pages { get; } = [];

    /// <summary>What <paramref name="pages"/> alone claim, when they were all read; null when one was not.</summary>
    public DocsFacts? Only(IReadOnlyCollection<string> pages)
    {
        if (!pages.All(Pages.Contains)) return null;
        var only = new DocsFacts();
        only.Pages.AddRange(pages);
        only.Claims.AddRange(Claims.Where(c => pages.Contains(c.At.File)));
        only.NotUnderstood.AddRange(NotUnderstood.Where(n => pages.Contains(n.At.File)));
        return only;
    }
}
