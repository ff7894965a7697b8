using System.Text.Json.Nodes;
using Homelab.Conformance.Documents;

namespace Homelab.Seed;

/// <summary>The objects under fixtures/live, read as JSON the API server takes.</summary>
public static class LiveFixtures
{
    public static IReadOnlyList<JsonObject> Read(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(ReadFile).ToList();
    }

    public static IEnumerable<JsonObject> ReadFile(string file)
    {
        var (documents, problem) = YamlReader.ReadRepoFile(file, File.ReadAllText(file));
        if (problem is not null) throw new InvalidDataException(problem.ToString());
        // The raw trees, not KubeObjects: the seeder must write Secret values the audit never reads back.
        return documents.Select(d => d.Root).OfType<MapNode>().Where(KubeObject.IsObject)
            .Select(root => JsonNode.Parse(NodeJson.Write(root))!.AsObject());
    }

    public static string Key(JsonObject o) =>
        $"{o["kind"]}/{o["metadata"]?["namespace"]?.GetValue<string>() ?? ""}/{o["metadata"]!["name"]}";
}
