using System.Text.Json.Nodes;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Rules;

namespace Homelab.Seed;

/// <summary>
/// One folder of fixtures/live/violations: objects applied over the conforming cluster
/// (<c>apply/</c>) and objects removed from it (<c>delete</c>), and what the audit must then say.
/// </summary>
public sealed record LiveScenario(string Name, string Rule, string Breaks, IReadOnlyList<JsonObject> Apply,
    IReadOnlyList<(string Kind, string? Namespace, string Name)> Delete, Outcome Outcome,
    IReadOnlyList<ExpectedLiveFinding> Findings, IReadOnlyList<string> AlsoAffects)
{
    /// <summary>Every scenario under a fixtures/live folder's <c>violations/</c>.</summary>
    public static IEnumerable<LiveScenario> All(string liveFixtures)
    {
        var root = Path.Combine(liveFixtures, "violations");
        return Directory.Exists(root) ? Directory.GetDirectories(root).Order(StringComparer.Ordinal).Select(Load) : [];
    }

    public static LiveScenario Load(string folder)
    {
        var file = Path.Combine(folder, "scenario.yaml");
        var (documents, problem) = YamlReader.ReadRepoFile(file, File.ReadAllText(file));
        if (problem is not null || documents.FirstOrDefault()?.Root is not MapNode root) throw new InvalidDataException($"{file}: {problem}");
        return new LiveScenario(Path.GetFileName(folder),
            root.Text("rule") ?? throw new InvalidDataException($"{file}: no rule"),
            root.Text("breaks") ?? throw new InvalidDataException($"{file}: no 'breaks'"),
            LiveFixtures.Read(Path.Combine(folder, "apply")),
            (root.List("delete")?.Items.OfType<MapNode>() ?? []).Select(d => (d.Text("kind")!, d.Text("namespace"), d.Text("name")!)).ToList(),
            Enum.Parse<Outcome>(root.Text("expect.outcome") ?? "Fail"),
            (root.List("expect.findings")?.Items.OfType<MapNode>() ?? []).Select(f =>
                new ExpectedLiveFinding(f.Text("kind"), f.Text("namespace"), f.Text("name"), f.Text("message") ?? "")).ToList(),
            root.List("alsoAffects")?.Items.OfType<ScalarNode>().Select(s => s.Value).OfType<string>().ToList() ?? []);
    }

    /// <summary>Whether it adds, changes or removes a Node (so it needs the seeded ones).</summary>
    public bool TouchesNodes => Apply.Any(o => o["kind"]?.GetValue<string>() == "Node") || Delete.Any(d => d.Kind == "Node");

    public override string ToString() => Name;
}

/// <summary>A finding the live audit must report: the object its evidence names, and words of its message.</summary>
public sealed record ExpectedLiveFinding(string? Kind, string? Namespace, string? Name, string Message);
