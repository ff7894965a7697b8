using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>A kustomize patch target selector: group, version, kind, name and namespace (regex), label and annotation selectors.</summary>
internal sealed record PatchTarget(string? Group, string? Version, string? Kind, string? Name, string? Namespace, string? LabelSelector, string? AnnotationSelector)
{
    public static PatchTarget From(MapNode target) => new(
        target.Text("group"), target.Text("version"), target.Text("kind"), target.Text("name"),
        target.Text("namespace"), target.Text("labelSelector"), target.Text("annotationSelector"));

    /// <summary>The object a strategic merge patch names by its own kind and name.</summary>
    public static PatchTarget Self(MapNode patch) => new(null, null, patch.Text("kind"), Regex.Escape(patch.Text("metadata.name") ?? ""),
        patch.Text("metadata.namespace") is { } ns ? Regex.Escape(ns) : null, null, null);

    public bool Matches(KubeObject o)
    {
        return (Group is null || Group == o.Group)
            && (Version is null || Version.AsSpan().SequenceEqual(o.ApiVersion.AsSpan(o.ApiVersion.IndexOf('/') + 1)))
            && (Kind is null || Kind == o.Kind)
            // As kustomize, a patch may name an object by its current or its declared name (before a namePrefix).
            && (Name is null || FullMatch(Name, o.Name) || (o.OriginalName is { } declared && FullMatch(Name, declared)))
            && (Namespace is null || FullMatch(Namespace, o.Namespace ?? ""))
            && Kustomize.LabelSelector.Selects(LabelSelector, o.Root.Map("metadata.labels"))
            && Kustomize.LabelSelector.Selects(AnnotationSelector, o.Root.Map("metadata.annotations"));
    }

    public override string ToString() =>
        string.Join(", ", new[] { ("group", Group), ("kind", Kind), ("name", Name), ("namespace", Namespace), ("labelSelector", LabelSelector) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));

    /// <summary>kustomize's anchored regex match; a pattern that is no valid regex (or takes too long) compares as plain text.</summary>
    private static bool FullMatch(string pattern, string value)
    {
        try { return Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1)); }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException) { return pattern == value; }
    }
}
