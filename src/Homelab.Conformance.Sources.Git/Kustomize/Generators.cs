using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// kustomize's configMapGenerator and secretGenerator. A value read from a file points at that
/// file, so a Helm values file turned into a ConfigMap keeps its own lines. Secret values are
/// withheld as they are read.
/// </summary>
internal sealed class Generators(RepoFiles repo, ProblemLog problems)
{
    public IEnumerable<KubeObject> Generate(MapNode kustomization, string dir)
    {
        var options = kustomization.Map("generatorOptions");
        foreach (var (key, kind) in new[] { ("configMapGenerator", "ConfigMap"), ("secretGenerator", "Secret") })
            foreach (var spec in kustomization.List(key)?.Items.OfType<MapNode>() ?? [])
                if (Generate(spec, kind, dir, options) is { } generated) yield return generated;
    }

    private KubeObject? Generate(MapNode spec, string kind, string dir, MapNode? options)
    {
        var name = spec.Scalar("name");
        if (name?.Value is null) { problems.Error(spec.Origin, $"{kind} generator without a name"); return null; }
        var data = new List<KeyValuePair<string, Node>>();
        foreach (var item in spec.List("literals")?.Items.OfType<ScalarNode>() ?? [])
            if (Split(item.Value, item) is var (k, v)) data.Add(new(k, Value(item.Origin, Unquoted(v))));
        var binary = new List<KeyValuePair<string, Node>>();
        foreach (var item in spec.List("files")?.Items.OfType<ScalarNode>() ?? [])
            AddFile(data, binary, item, dir);
        foreach (var item in (spec.List("envs")?.Items ?? []).Append(spec["env"]).OfType<ScalarNode>())
            AddEnvFile(data, item, dir);

        var origin = spec.Origin;
        var metadata = new List<KeyValuePair<string, Node>> { new("name", name) };
        if (spec.Scalar("namespace") is { IsNull: false } ns) metadata.Add(new("namespace", ns));
        // generatorOptions and the generator's own options: labels and annotations merge, its own winning.
        foreach (var key in new[] { "labels", "annotations" })
            if (Merged(options?.Map(key), spec.Map($"options.{key}")) is { Count: > 0 } merged) metadata.Add(new(key, new MapNode(origin, merged)));
        var entries = new List<KeyValuePair<string, Node>>
        {
            new("apiVersion", new ScalarNode(origin, "v1")),
            new("kind", new ScalarNode(origin, kind)),
            new("metadata", new MapNode(origin, metadata)),
        };
        // As kustomize, a generator with no values writes no data at all (and hashes it as such).
        if (binary.Count > 0) entries.Add(new("binaryData", new MapNode(origin, binary)));
        if (data.Count > 0) entries.Add(new("data", new MapNode(origin, data)));
        if (kind == "Secret") entries.Add(new("type", new ScalarNode(spec.Scalar("type")?.Origin ?? origin, spec.Text("type") ?? "Opaque")));
        if ((spec.Scalar("options.immutable") ?? options?.Scalar("immutable")) is { } immutable && immutable.AsBool() == true)
            entries.Add(new("immutable", immutable));
        var root = new MapNode(origin, entries);
        var hashed = (spec.Scalar("options.disableNameSuffixHash") ?? options?.Scalar("disableNameSuffixHash"))?.AsBool() != true;
        string? secretHash = null;
        if (kind == "Secret")
        {
            // The suffix needs the plaintext; it is taken here, before the values are withheld.
            if (hashed && data.All(d => d.Value is ScalarNode { IsKnown: true }))
                secretHash = NameHash.Secret(spec.Text("type") ?? "Opaque", data.Select(d => KeyValuePair.Create(d.Key, ((ScalarNode)d.Value).Value ?? "")));
            root = SecretRedaction.Redact(root);
        }
        return new KubeObject(root) { GeneratedWithHashSuffix = hashed, Behavior = spec.Text("behavior") ?? "create", HashSuffix = secretHash };
    }

    private static List<KeyValuePair<string, Node>> Merged(MapNode? global, MapNode? own)
    {
        var merged = (global?.Entries ?? []).Where(e => own?.ContainsKey(e.Key) != true).ToList();
        merged.AddRange(own?.Entries ?? []);
        return merged;
    }

    private void AddFile(List<KeyValuePair<string, Node>> data, List<KeyValuePair<string, Node>> binary, ScalarNode item, string dir)
    {
        var text = item.Value ?? "";
        var eq = text.IndexOf('=');
        var (key, path) = eq > 0 ? (text[..eq], text[(eq + 1)..]) : (Path.GetFileName(text), text);
        if (repo.Resolve(dir, path, item.Origin) is not { } file) return;
        if (repo.ReadBytes(file, item.Origin) is not { } bytes) return;
        if (!IsUtf8Text(bytes))
        {
            // What is not UTF-8 text goes to binaryData, base64, as kustomize writes it.
            binary.Add(new(key, new ScalarNode(new RepoEvidence(file, 1, 1, ""), Convert.ToBase64String(bytes))));
            return;
        }
        if (repo.ReadText(file, item.Origin) is not { } content) return;
        var at = new RepoEvidence(file, 1, 1, "");
        // Flux decrypts a SOPS-encrypted file before kustomize reads it: its content is not known here.
        var encrypted = content.Contains("ENC[", StringComparison.Ordinal) && content.Contains("sops", StringComparison.Ordinal);
        data.Add(new(key, new ScalarNode(at, content, unknown: encrypted ? ScalarNode.EncryptedValue : null) { Content = at }));
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsUtf8Text(byte[] bytes)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }
    }

    private void AddEnvFile(List<KeyValuePair<string, Node>> data, ScalarNode item, string dir)
    {
        if (item.Value is null || repo.Resolve(dir, item.Value, item.Origin) is not { } file) return;
        if (repo.ReadText(file, item.Origin) is not { } content) return;
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // As kustomize reads env files: leading blanks go, the rest of the line is kept as written.
            var line = lines[i].TrimEnd('\r').TrimStart();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var at = new RepoEvidence(file, i + 1, 1, "");
            var eq = line.IndexOf('=');
            // A bare KEY takes its value from the environment of whoever builds; offline that is unknown.
            if (eq < 0) data.Add(new(line, new ScalarNode(at, "", unknown: $"{line} comes from the environment kustomize runs in")));
            else if (eq > 0) data.Add(new(line[..eq], Value(at, line[(eq + 1)..])));
            else problems.Error(at, "expected KEY=VALUE");
        }
    }

    /// <summary>A literal's value without the quotes around it, as kustomize reads <c>K="v"</c> and <c>K='v'</c>.</summary>
    private static string Unquoted(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;

    /// <summary>A literal or env value; a SOPS <c>ENC[...]</c> one is unknown, as Flux decrypts it only in the cluster.</summary>
    private static ScalarNode Value(Evidence at, string text) =>
        new(at, text, unknown: ScalarNode.IsEncrypted(text) ? ScalarNode.EncryptedValue : null);

    private (string, string)? Split(string? text, ScalarNode at)
    {
        var eq = text?.IndexOf('=') ?? -1;
        if (eq > 0) return (text![..eq], text[(eq + 1)..]);
        problems.Error(at.Origin, "expected KEY=VALUE");
        return null;
    }
}
