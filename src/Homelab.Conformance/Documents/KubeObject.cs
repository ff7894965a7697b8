using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Documents;

/// <summary>A Kubernetes object (from a repo file or the API) as a provenance-keeping tree.</summary>
public sealed class KubeObject(MapNode root)
{
    public MapNode Root { get; } = root;

    public string ApiVersion => Root.Text("apiVersion") ?? "";
    public string Kind => Root.Text("kind") ?? "";
    public string Name => Root.Text("metadata.name") ?? "";
    public string? Namespace => Root.Text("metadata.namespace");

    /// <summary>The API group without version: <c>cilium.io</c> for <c>cilium.io/v2alpha1</c>, "" for core.</summary>
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public ObjectRef Ref => new(Kind, Namespace, Name);

    public Evidence Origin => Root.Origin;

    /// <summary>Whether a mapping looks like a Kubernetes object (has apiVersion, kind and a name).</summary>
    public static bool IsObject(Node? node) =>
        node is MapNode m && m.Text("apiVersion") is not null && m.Text("kind") is not null;

    public KubeObject WithRoot(MapNode root) => new(root);

    public override string ToString() => Ref.ToString();
}
