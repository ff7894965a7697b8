using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Sources.Git.Flux;

namespace Homelab.Conformance.Sources.Git.Helm.Charts;

/// <summary>
/// Grafana Alloy as its chart values deploy it: where its pipeline config is (inline
/// <c>alloy.configMap.content</c> or a ConfigMap it names) and how each credential is stored
/// (<c>alloy.extraEnv</c>, <c>alloy.envFrom</c>, literals in the config). Values are never kept.
/// </summary>
internal static partial class AlloyChart
{
    public const string Name = "alloy";

    public static CollectorFact Fact(ResolvedRelease release, RenderedRepo rendered)
    {
        var values = release.Values;
        var ns = release.Namespace;
        var config = Config(values, ns, rendered);
        var credentials = new List<CredentialFact>();
        var fromEnv = new HashSet<string>(StringComparer.Ordinal);
        foreach (var env in values.List("alloy.extraEnv")?.Items.OfType<MapNode>() ?? [])
        {
            if (env.Text("name") is not { } name) continue;
            fromEnv.Add(name);
            if (env.Map("valueFrom.secretKeyRef") is { } secretRef)
                credentials.Add(SecretKey(name, secretRef, ns, rendered));
            else if (env.Scalar("value") is { IsNull: false } literal && CredentialName().IsMatch(name))
                credentials.Add(Literal(name, literal));
        }
        foreach (var from in values.List("alloy.envFrom")?.Items.OfType<MapNode>() ?? [])
            if (from.Map("secretRef") is { } secretRef && secretRef.Text("name") is { } secretName)
                credentials.Add(WholeSecret(secretName, secretRef, ns, rendered));
        if (config?.Text is { } text) credentials.AddRange(InConfig(text, config.Value.At, fromEnv));
        return new CollectorFact(Name, release.Release.Ref, release.Release.Origin) { Config = config?.At, Credentials = credentials };
    }

    /// <summary>The config's text and where it starts; the chart creates a ConfigMap from <c>content</c> unless <c>create</c> is false.</summary>
    private static (ScalarNode? Text, Evidence At)? Config(MapNode values, string ns, RenderedRepo rendered)
    {
        var configMap = values.Map("alloy.configMap");
        if (configMap?.Scalar("create")?.AsBool() != false)
            return configMap?.Scalar("content") is { IsNull: false } content && (content.Value != "" || !content.IsKnown)
                ? (content, content.Content ?? content.Origin)
                : null;
        var name = configMap.Text("name");
        var key = configMap.Text("key") ?? "config.alloy";
        var data = name is null ? null : rendered.Find("ConfigMap", ns, name)?.Root.Map("data")?[key] as ScalarNode;
        return data is null ? null : (data, data.Content ?? data.Origin);
    }

    private static CredentialFact SecretKey(string name, MapNode secretRef, string ns, RenderedRepo rendered)
    {
        var secret = secretRef.Text("name") is { } secretName ? rendered.Find("Secret", ns, secretName) : null;
        var key = secretRef.Text("key");
        var value = key is null ? null : (secret?.Root.Map("data")?[key] ?? secret?.Root.Map("stringData")?[key]) as ScalarNode;
        return value is null
            ? new CredentialFact(name, CredentialState.SecretReference, secretRef.Origin)
            : new CredentialFact(name, StoredAs(value), value.Origin);
    }

    private static CredentialFact WholeSecret(string name, MapNode secretRef, string ns, RenderedRepo rendered)
    {
        var values = rendered.Find("Secret", ns, name) is { } secret
            ? (secret.Root.Map("data")?.Entries ?? []).Concat(secret.Root.Map("stringData")?.Entries ?? []).Select(e => e.Value).OfType<ScalarNode>().ToList()
            : [];
        var plaintext = values.FirstOrDefault(v => StoredAs(v) == CredentialState.Plaintext);
        return plaintext is not null ? new CredentialFact(name, CredentialState.Plaintext, plaintext.Origin)
            : values.Count > 0 ? new CredentialFact(name, CredentialState.Encrypted, values[0].Origin)
            : new CredentialFact(name, CredentialState.SecretReference, secretRef.Origin);
    }

    /// <summary>A Secret value as committed: SOPS-encrypted, or plaintext (withheld when read, but committed in clear).</summary>
    private static CredentialState StoredAs(ScalarNode value) =>
        value.Unknown == ScalarNode.EncryptedValue ? CredentialState.Encrypted
        : value.Unknown == ScalarNode.WithheldValue || value.IsKnown ? CredentialState.Plaintext
        : CredentialState.SecretReference;

    private static CredentialFact Literal(string name, ScalarNode literal) => new(name,
        literal.IsKnown ? CredentialState.Plaintext : literal.Unknown == ScalarNode.EncryptedValue ? CredentialState.Encrypted : CredentialState.SecretReference,
        literal.Origin);

    /// <summary>Credentials written in the Alloy config itself: literals are plaintext, <c>sys.env</c> reads the environment.</summary>
    private static IEnumerable<CredentialFact> InConfig(ScalarNode config, Evidence start, HashSet<string> fromEnv)
    {
        if (!config.IsKnown || config.Value is null) yield break;
        var lines = config.Value.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var at = start is RepoEvidence r ? r with { Line = r.Line + i, Column = 1, YamlPath = "" } : start;
            if (LiteralSecret().Match(lines[i]) is { Success: true } literal)
                yield return new CredentialFact(literal.Groups[1].Value, CredentialState.Plaintext, at);
            foreach (Match env in EnvCall().Matches(lines[i]))
                if (!fromEnv.Contains(env.Groups[1].Value))
                    yield return new CredentialFact(env.Groups[1].Value, CredentialState.EnvironmentReference, at);
        }
    }

    [GeneratedRegex("(TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|CREDENTIAL)", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialName();

    [GeneratedRegex("""^\s*(password|token|api_key|bearer_token|client_secret|secret)\s*=\s*"[^"]+"\s*$""")]
    private static partial Regex LiteralSecret();

    [GeneratedRegex("""\b(?:sys\.)?env\(\s*"([^"]+)"\s*\)""")]
    private static partial Regex EnvCall();
}
