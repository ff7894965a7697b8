using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Flux;

/// <summary>A source's <c>spec.ref</c>: which revision to fetch (a branch, tag, semver range, commit or digest), at its place.</summary>
public sealed record FluxRevision(string? Branch, string? Tag, string? Semver, string? Commit, string? Digest, Evidence At);
