using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Extraction;

/// <summary>
/// Objects a controller makes from another object, so that a reference to them resolves: an
/// ExternalSecret's, SealedSecret's or OnePasswordItem's Secret, a cert-manager Certificate's
/// Secret, and the ConfigMap and Secret of a Rook ObjectBucketClaim (named after the claim).
/// </summary>
public static class DerivedObjects
{
    /// <summary>What a controller makes of the object; none for most (and no allocation: every object is asked).</summary>
    public static IEnumerable<ObjectRef> Of(KubeObject o) => (o.Group, o.Kind) switch
    {
        ("external-secrets.io", "ExternalSecret") => [new ObjectRef("Secret", o.Namespace, o.Root.Text("spec.target.name") ?? o.Name)],
        ("bitnami.com", "SealedSecret") => [new ObjectRef("Secret", o.Namespace, o.Root.Text("spec.template.metadata.name") ?? o.Name)],
        ("onepassword.com", "OnePasswordItem") => [new ObjectRef("Secret", o.Namespace, o.Name)],
        ("cert-manager.io", "Certificate") when o.Root.Text("spec.secretName") is { } secret => [new ObjectRef("Secret", o.Namespace, secret)],
        ("objectbucket.io", "ObjectBucketClaim") => [new ObjectRef("ConfigMap", o.Namespace, o.Name), new ObjectRef("Secret", o.Namespace, o.Name)],
        _ => [],
    };
}
