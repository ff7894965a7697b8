namespace Homelab.Conformance.Documents;

/// <summary>
/// Drops every plaintext value of a Secret as soon as it is read. What stays is whether each
/// value was encrypted or plaintext and where it was: enough for rules, nothing to leak. The one
/// value kept is a <c>ca.crt</c> that holds certificates only: public by design, it is the trust
/// root Flux gives a source's TLS (<c>certSecretRef</c>).
/// </summary>
public static class SecretRedaction
{
    public static MapNode Redact(MapNode secret)
    {
        if (secret.Text("kind") != "Secret") return secret;
        var result = secret.Without("sops");
        foreach (var key in new[] { "data", "stringData" })
            if (result[key] is MapNode values)
                result = result.With(key, new MapNode(values.Place, values.Entries.Select(e =>
                    KeyValuePair.Create(e.Key, e.Key == "ca.crt" && IsCertificates(e.Value, base64: key == "data") ? e.Value : Withhold(e.Value))).ToList()));
        return result;
    }

    /// <summary>PEM certificates and nothing else (no key), as written or base64-encoded.</summary>
    private static bool IsCertificates(Node value, bool base64)
    {
        if (value is not ScalarNode { IsKnown: true, Value: { Length: > 0 } text }) return false;
        if (base64)
        {
            var bytes = new byte[text.Length];
            if (!Convert.TryFromBase64String(text, bytes, out var length)) return false;
            text = System.Text.Encoding.ASCII.GetString(bytes, 0, length);
        }
        var blocks = text.Split("-----BEGIN ")[1..];
        return blocks.Length > 0 && blocks.All(b => b.StartsWith("CERTIFICATE-----", StringComparison.Ordinal));
    }

    public static Node Withhold(Node value) => value is ScalarNode { IsKnown: false } ? value : new ScalarNode(value.Place, null, unknown: ScalarNode.WithheldValue);
}
