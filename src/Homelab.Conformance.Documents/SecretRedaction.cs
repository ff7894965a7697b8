namespace Homelab.Conformance.Documents;

/// <summary>
/// Drops every plaintext value of a Secret as soon as it is read. What stays is whether each
/// value was encrypted or plaintext and where it was: enough for rules, nothing to leak.
/// </summary>
public static class SecretRedaction
{
    public static MapNode Redact(MapNode secret)
    {
        if (secret.Text("kind") != "Secret") return secret;
        var result = secret.Without("sops");
        foreach (var key in new[] { "data", "stringData" })
            if (result[key] is MapNode values)
                result = result.With(key, new MapNode(values.Origin, values.Entries.Select(e => KeyValuePair.Create(e.Key, Withhold(e.Value))).ToList()));
        return result;
    }

    public static Node Withhold(Node value) => value is ScalarNode { IsKnown: false } ? value : new ScalarNode(value.Origin, null, unknown: ScalarNode.WithheldValue);
}
