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
}
