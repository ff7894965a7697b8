using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// The content-hash suffix kustomize gives a generated ConfigMap or Secret (<c>app-settings-7fk9m2t5bh</c>),
/// computed as kustomize v5 does, so a generated name matches the cluster's. kustomize hashes Go's
/// JSON of <c>{"data", "kind", "name", ["type"]}</c> with sorted keys; its lookup of the name by the
/// path <c>metadata/name</c> finds nothing, so the name in that JSON is always "".
/// </summary>
internal static class NameHash
{
    /// <summary>The suffix of a ConfigMap, or null when a value is not known offline (SOPS, withheld).</summary>
    public static string? ConfigMap(MapNode root)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (root["data"] is MapNode map)
            foreach (var (key, value) in map.Entries)
            {
                if (value is not ScalarNode { IsKnown: true } scalar) return null;
                data[key] = scalar.Value ?? "";
            }
        var binary = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (root["binaryData"] as MapNode)?.Entries ?? [])
            binary[key] = (value as ScalarNode)?.Value ?? "";
        return Encode("ConfigMap", type: null, root["data"] is MapNode ? data : null, binary);
    }

    /// <summary>The suffix of a generated Secret, from its plaintext values before they are withheld.</summary>
    public static string Secret(string type, IEnumerable<KeyValuePair<string, string>> plaintext)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in plaintext) data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        return Encode("Secret", type, data);
    }

    /// <summary>The suffix of an object's JSON; <paramref name="data"/> is null when there is no data (kustomize then hashes <c>"data":""</c>).</summary>
    private static string Encode(string kind, string? type, SortedDictionary<string, string>? data, SortedDictionary<string, string>? binary = null)
    {
        // Sorted keys: a ConfigMap's binaryData (base64, only when it has some) comes first.
        var json = new StringBuilder("{");
        if (binary is { Count: > 0 }) Map(json.Append("\"binaryData\":"), binary).Append(',');
        json.Append("\"data\":");
        if (data is null) json.Append("\"\"");
        else Map(json, data);
        json.Append(",\"kind\":");
        GoString(json, kind).Append(",\"name\":\"\"");
        if (type is not null) GoString(json.Append(",\"type\":"), type);
        json.Append('}');

        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToString())));
        // kubectl's encoding: the first ten hex digits, with 0 1 3 a e swapped for letters so the suffix is never all digits.
        return string.Create(10, hex, (span, h) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = h[i] switch { '0' => 'g', '1' => 'h', '3' => 'k', 'a' => 'm', 'e' => 't', var c => c };
        });
    }

    private static StringBuilder Map(StringBuilder json, SortedDictionary<string, string> entries)
    {
        json.Append('{');
        var first = true;
        foreach (var (key, value) in entries)
        {
            if (!first) json.Append(',');
            first = false;
            GoString(json, key).Append(':');
            GoString(json, value);
        }
        return json.Append('}');
    }

    /// <summary>A JSON string as Go's encoding/json writes it: HTML-safe, control characters as \u00XX.</summary>
    private static StringBuilder GoString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: json.Append(c); break;
            }
        }
        return json.Append('"');
    }
}
