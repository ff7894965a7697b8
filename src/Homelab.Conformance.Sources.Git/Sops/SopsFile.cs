using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Sops;

/// <summary>
/// Checks a SOPS-encrypted document offline, without its key. SOPS encrypts every non-empty value
/// its rules select and signs them with <c>sops.mac</c>; so a document whose MAC is missing or in
/// clear, or that holds a plaintext value where SOPS would have written <c>ENC[...]</c>, was edited
/// after encryption, and sops (and Flux's decryption) refuse it. The rules are the document's own
/// metadata, as sops reads them: <c>unencrypted_suffix</c> (the default, <c>_unencrypted</c>, when no
/// rule is set), <c>encrypted_suffix</c>, <c>unencrypted_regex</c>, <c>encrypted_regex</c>, each
/// tested against every key on the value's path. A plaintext value is named by its path, never shown.
/// </summary>
public static class SopsFile
{
    public const string MetadataKey = "sops";

    /// <summary>What sops leaves in clear when the metadata names no rule.</summary>
    public const string DefaultUnencryptedSuffix = "_unencrypted";

    /// <summary>How long one of the file's own regexes may take on one key: the pattern comes from the repo.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private const string Edited = "SOPS file was edited after encryption";

    private static readonly string[] RuleKeys = ["unencrypted_suffix", "encrypted_suffix", "unencrypted_regex", "encrypted_regex"];

    /// <summary>
    /// Logs each sign that a document of a parsed file with SOPS metadata (a top-level <c>sops</c>
    /// mapping) was edited after encryption; other documents are left alone.
    /// </summary>
    public static void Check(IEnumerable<YamlDocument> documents, ProblemLog problems)
    {
        foreach (var document in documents)
            if (document.Root is MapNode root && root[MetadataKey] is MapNode metadata) Check(root, metadata, problems);
    }

    private static void Check(MapNode document, MapNode metadata, ProblemLog problems)
    {
        var mac = metadata["mac"];
        if (mac is null or ScalarNode { IsNull: true })
            problems.Error(metadata.Origin, $"{Edited}: sops.mac is missing, so its integrity cannot be verified");
        else if (mac is not ScalarNode { Value: var text } || !ScalarNode.IsEncrypted(text))
            problems.Error(mac.Origin, $"{Edited}: sops.mac is not an ENC[...] value, so its integrity cannot be verified");
        if (Selector.From(metadata, problems) is not { } selector) return;
        foreach (var (key, value) in document.Entries.Where(e => e.Key != MetadataKey))
            foreach (var (path, leaf) in Leaves(value, [key]))
                if (selector.Encrypts(path) && leaf is { IsNull: false, Value: { Length: > 0 } text } && !ScalarNode.IsEncrypted(text))
                    problems.Error(leaf.Origin, $"{Edited}: {Name(leaf)} is plaintext; its MAC no longer matches and sops refuses to decrypt the file");
    }

    private static string Name(ScalarNode leaf) => leaf.Origin is RepoEvidence { YamlPath.Length: > 0 } r ? r.YamlPath : "a value";

    /// <summary>Every scalar with the map keys above it; list items add no key, as in sops.</summary>
    private static IEnumerable<(IReadOnlyList<string> Path, ScalarNode Leaf)> Leaves(Node node, IReadOnlyList<string> path) => node switch
    {
        ScalarNode s => [(path, s)],
        MapNode m => m.Entries.SelectMany(e => Leaves(e.Value, [.. path, e.Key])),
        ListNode l => l.Items.SelectMany(i => Leaves(i, path)),
        _ => [],
    };

    /// <summary>Which values sops encrypts, from the one rule the metadata sets.</summary>
    private sealed class Selector(Func<string, bool> matches, bool selectsEncrypted)
    {
        public bool Encrypts(IReadOnlyList<string> path)
        {
            try
            {
                return path.Any(matches) == selectsEncrypted;
            }
            catch (RegexMatchTimeoutException)
            {
                return false; // cannot decide: a plaintext value is not claimed
            }
        }

        public static Selector? From(MapNode metadata, ProblemLog problems)
        {
            var rules = RuleKeys.Where(k => metadata.Scalar(k) is { Value: { Length: > 0 } }).ToList();
            if (rules.Count > 1)
            {
                problems.Error(metadata.Scalar(rules[1])!.Origin, $"SOPS metadata sets more than one of {string.Join(", ", RuleKeys)}; sops refuses the file");
                return null;
            }
            // Comments decide under these rules, and comments are not read: no value can be called plaintext.
            if (metadata.ContainsKey("encrypted_comment_regex") || metadata.ContainsKey("unencrypted_comment_regex")) return null;
            var rule = rules.FirstOrDefault() ?? "unencrypted_suffix";
            var pattern = metadata.Scalar(rule)?.Value is { Length: > 0 } set ? set : DefaultUnencryptedSuffix;
            var selectsEncrypted = rule.StartsWith("encrypted", StringComparison.Ordinal);
            if (rule.EndsWith("_suffix", StringComparison.Ordinal))
                return new Selector(key => key.EndsWith(pattern, StringComparison.Ordinal), selectsEncrypted);
            try
            {
                var regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
                return new Selector(regex.IsMatch, selectsEncrypted);
            }
            catch (ArgumentException)
            {
                problems.Error(metadata.Scalar(rule)!.Origin, $"SOPS metadata {rule} is not a valid regular expression; which values must be encrypted is not known");
                return null;
            }
        }
    }
}
