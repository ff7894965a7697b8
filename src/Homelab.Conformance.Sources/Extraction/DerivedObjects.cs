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
    public static IEnumerable<ObjectRef> Of(KubeObject o)
    {
        var ns = o.Namespace;
        switch (o.Group, o.Kind)
        {
            case ("external-secrets.io", "ExternalSecret"):
                yield return new ObjectRef("Secret", ns, o.Root.Text("spec.target.name") ?? o.Name);
                break;
            case ("bitnami.com", "SealedSecret"):
                yield return new ObjectRef("Secret", ns, o.Root.Text("spec.template.metadata.name") ?? o.Name);
                break;
            case ("onepassword.com", "OnePasswordItem"):
                yield return new ObjectRef("Secret", ns, o.Name);
                break;
            case ("cert-manager.io", "Certificate") when o.Root.Text("spec.secretName") is { } secret:
                yield return new ObjectRef("Secret", ns, secret);
                break;
            case ("objectbucket.io", "ObjectBucketClaim"):
                yield return new ObjectRef("ConfigMap", ns, o.Name);
                yield return new ObjectRef("Secret", ns, o.Name);
                break;
        }
    }
}
