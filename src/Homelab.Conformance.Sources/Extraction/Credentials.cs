using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Extraction;

/// <summary>
/// How a collector's credentials are stored, read the same way from chart values and from live
/// workloads: environment variables, env sources, and literals in the Alloy config. No value is kept.
/// </summary>
public static partial class Credentials
{
    /// <summary>An environment variable whose name says it holds a secret.</summary>
    public static bool IsCredentialName(string name) => CredentialName().IsMatch(name);

    /// <summary>Credentials from a container's <c>env</c>: secretKeyRef entries, and literal values of secret-looking names.</summary>
    public static IEnumerable<CredentialFact> FromEnv(ListNode? env, Func<MapNode, CredentialFact> secretKeyRef)
    {
        foreach (var entry in env?.Items.OfType<MapNode>() ?? [])
        {
            if (entry.Text("name") is not { } name) continue;
            if (entry.Map("valueFrom.secretKeyRef") is { } reference) yield return secretKeyRef(reference) with { Name = name };
            else if (entry.Scalar("value") is { IsNull: false } literal && IsCredentialName(name)) yield return Literal(name, literal);
        }
    }

    /// <summary>A literal value: plaintext when readable, encrypted when SOPS, else (a variable) a reference.</summary>
    public static CredentialFact Literal(string name, ScalarNode literal) => new(name,
        literal.IsKnown ? CredentialState.Plaintext
        : literal.Unknown == ScalarNode.EncryptedValue ? CredentialState.Encrypted
        : CredentialState.SecretReference,
        literal.Origin);

    /// <summary>Credentials written in the Alloy config itself: literals are plaintext, <c>sys.env</c> reads the environment.</summary>
    public static IEnumerable<CredentialFact> InAlloyConfig(ScalarNode config, Evidence start, IReadOnlySet<string> fromEnv)
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
