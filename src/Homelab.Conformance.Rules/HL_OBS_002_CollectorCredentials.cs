using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_OBS_002_CollectorCredentials : Rule
{
    public override string Id => "HL-OBS-002";
    public override string Title => "Collector credentials are never plaintext";
    public override string Claim(ArchitectureSpec spec) =>
        $"The credentials Alloy uses to ship to {Destinations.Name(spec.Observability.Destination)} come from Secrets or SOPS-encrypted values, never from plaintext in the repo.";
    public override string Remediation => "Move the credential into a SOPS-encrypted Secret and reference it (`secretKeyRef`, `envFrom`, or `valuesFrom` kind Secret).";
    public override Area Area => Area.Observability;
    public override IReadOnlyList<string> Reads => ["DaemonSet", "Deployment", "StatefulSet", "ConfigMap"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        var credentials = facts.Collectors.Where(c => c.Product == spec.Observability.Collector).SelectMany(c => c.Credentials).ToList();
        if (credentials.Count == 0)
        {
            yield return Finding.NothingFound($"{spec.Observability.Collector} credential", facts.Source);
            yield break;
        }
        foreach (var credential in credentials)
            yield return credential.State == CredentialState.Plaintext
                // The value itself is never shown: only where it is.
                ? Finding.Fail(credential.Evidence, $"credential {credential.Name} is plaintext", "a Secret reference or SOPS-encrypted value", "plaintext (value withheld)")
                : Finding.Pass(credential.Evidence, $"credential {credential.Name} is {Describe(credential.State)}");
    }

    private static string Describe(CredentialState state) => state switch
    {
        CredentialState.Encrypted => "SOPS-encrypted",
        CredentialState.SecretReference => "read from a Secret",
        _ => "read from the environment",
    };
}
