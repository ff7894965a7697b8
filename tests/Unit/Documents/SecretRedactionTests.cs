using System.Text;
using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Tests.Documents;

/// <summary>
/// A Secret's values are dropped as soon as it is read, all but a <c>ca.crt</c> that holds
/// certificates only: public by design, the trust root of a Flux source's <c>certSecretRef</c>.
/// </summary>
public sealed class SecretRedactionTests
{
    private const string Certificate = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
    private const string Key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\n-----END EC PRIVATE KEY-----\n";

    private static MapNode Redacted(string yaml)
    {
        var (documents, problem) = YamlReader.ReadRepoFile("secret.yaml", yaml);
        problem.Should().BeNull();
        return SecretRedaction.Redact((MapNode)documents.Single().Root!);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    [Fact]
    public void A_ca_crt_of_certificates_is_kept_as_data_or_stringData_and_every_other_value_is_withheld()
    {
        var secret = Redacted($"apiVersion: v1\nkind: Secret\nmetadata: {{name: ca}}\ndata:\n  ca.crt: {Base64(Certificate + Certificate)}\n  token: {Base64("hunter2")}\nstringData:\n  ca.crt: |\n    {Certificate.TrimEnd().Replace("\n", "\n    ", StringComparison.Ordinal)}\n");

        secret.Text("data[\"ca.crt\"]").Should().Be(Base64(Certificate + Certificate));
        secret.Text("stringData[\"ca.crt\"]").Should().Be(Certificate);
        ((ScalarNode)secret.Map("data")!["token"]!).Unknown.Should().Be(ScalarNode.WithheldValue);
    }

    [Theory]
    [InlineData("a certificate with its key", Certificate + Key)]
    [InlineData("a key alone", Key)]
    [InlineData("not PEM at all", "hunter2")]
    public void A_ca_crt_that_holds_anything_but_certificates_is_withheld(string what, string value)
    {
        var secret = Redacted($"apiVersion: v1\nkind: Secret\nmetadata: {{name: ca}}\ndata:\n  ca.crt: {Base64(value)}\n");

        ((ScalarNode)secret.Map("data")!["ca.crt"]!).Unknown.Should().Be(ScalarNode.WithheldValue, what);
    }
}
