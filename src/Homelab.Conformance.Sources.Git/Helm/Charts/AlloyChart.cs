using Homelab.Conformance.Documents;
using Homelab.Conformance.Extraction;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Flux;

namespace Homelab.Conformance.Sources.Git.Helm.Charts;

/// <summary>
/// Grafana Alloy as its chart values deploy it: where its pipeline config is (inline
/// <c>alloy.configMap.content</c> or a ConfigMap it names) and how each credential is stored
/// (<c>alloy.extraEnv</c>, <c>alloy.envFrom</c>, literals in the config). Values are never kept.
/// </summary>
internal static class AlloyChart
{
    public const string Name = "alloy";

    public static CollectorFact Fact(ResolvedRelease release, RenderedRepo rendered)
    {
        var values = release.Values;
        var ns = release.Namespace;
        var config = Config(values, ns, rendered, out var missing);
        var env = values.List("alloy.extraEnv");
        var credentials = Credentials.FromEnv(env, reference => SecretKey(reference, ns, rendered)).ToList();
        foreach (var from in values.List("alloy.envFrom")?.Items.OfType<MapNode>() ?? [])
            if (from.Map("secretRef") is { } secretRef && secretRef.Text("name") is { } secretName)
                credentials.Add(WholeSecret(secretName, secretRef, ns, rendered));
        var fromEnv = (env?.Items.OfType<MapNode>() ?? []).Select(e => e.Text("name")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (config?.Text is { } text) credentials.AddRange(Credentials.InAlloyConfig(text, config.Value.At, fromEnv));
        var endpoints = config?.Text is { } source ? Exporters.InAlloyConfig(source, config.Value.At).ToList() : [];
        return new CollectorFact(Name, release.Release.Ref, release.Release.Origin)
        {
            Config = config?.At,
            MissingConfig = missing,
            Credentials = credentials,
            Endpoints = endpoints,
            // Where the config comes from is itself a value: unknown when something unseen may set it.
            Unsure = release.NotReconciled ?? (release.At("alloy.configMap") is ScalarNode { IsKnown: false } unknown ? unknown.Unknown : null),
        };
    }

    /// <summary>The config's text and where it starts; the chart creates a ConfigMap from <c>content</c> unless <c>create</c> is false.</summary>
    private static (ScalarNode? Text, Evidence At)? Config(MapNode values, string ns, RenderedRepo rendered, out (ObjectRef, string, Evidence)? missing)
    {
        missing = null;
        var configMap = values.Map("alloy.configMap");
        if (configMap?.Scalar("create")?.AsBool() != false)
            return configMap?.Scalar("content") is { IsNull: false } content && (content.Value != "" || !content.IsKnown)
                ? (content, content.Content ?? content.Origin)
                : null;
        var name = configMap.Text("name");
        var key = configMap.Text("key") ?? "config.alloy";
        var data = name is null ? null : rendered.Find("ConfigMap", ns, name)?.Root.Map("data")?[key] as ScalarNode;
        if (data is null && name is not null) missing = (new ObjectRef("ConfigMap", ns, name), key, configMap.Scalar("name")!.Origin);
        return data is null ? null : (data, data.Content ?? data.Origin);
    }

    /// <summary>A secretKeyRef: how the referenced Secret stores the value, when the repo holds it.</summary>
    private static CredentialFact SecretKey(MapNode secretRef, string ns, RenderedRepo rendered)
    {
        var secret = secretRef.Text("name") is { } secretName ? rendered.Find("Secret", ns, secretName) : null;
        var key = secretRef.Text("key");
        var value = key is null ? null : (secret?.Root.Map("data")?[key] ?? secret?.Root.Map("stringData")?[key]) as ScalarNode;
        return value is null
            ? new CredentialFact("", CredentialState.SecretReference, secretRef.Origin)
            : new CredentialFact("", StoredAs(value), value.Origin);
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
}
