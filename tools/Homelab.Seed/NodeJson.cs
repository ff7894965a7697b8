using System.Text.Json;
using Homelab.Conformance.Documents;

namespace Homelab.Seed;

/// <summary>A fixture object (read as YAML) written as the JSON the API server takes.</summary>
public static class NodeJson
{
    public static string Write(Node node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) Write(writer, node);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, Node node)
    {
        switch (node)
        {
            case MapNode map:
                w.WriteStartObject();
                foreach (var (key, value) in map.Entries) { w.WritePropertyName(key); Write(w, value); }
                w.WriteEndObject();
                break;
            case ListNode list:
                w.WriteStartArray();
                foreach (var item in list.Items) Write(w, item);
                w.WriteEndArray();
                break;
            case ScalarNode { Value: null }:
                w.WriteNullValue();
                break;
            case ScalarNode { Quoted: true } s:
                w.WriteStringValue(s.Value);
                break;
            case ScalarNode s when s.AsBool() is { } b && s.Value is "true" or "false":
                w.WriteBooleanValue(b);
                break;
            case ScalarNode s when long.TryParse(s.Value, out var n):
                w.WriteNumberValue(n);
                break;
            case ScalarNode s when double.TryParse(s.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && s.Value!.Contains('.'):
                w.WriteNumberValue(d);
                break;
            case ScalarNode s:
                w.WriteStringValue(s.Value);
                break;
        }
    }
}
