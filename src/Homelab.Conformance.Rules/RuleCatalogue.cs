using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

/// <summary>Every rule of the library, found by reflection so no list is kept by hand.</summary>
public static class RuleCatalogue
{
    public static IReadOnlyList<Rule> All { get; } = typeof(Rule).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(Rule)))
        .Select(t => (Rule)Activator.CreateInstance(t)!)
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .ToList();

    public static Rule? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    /// <summary>The README's rule table, generated so it cannot drift from the code; claims as the reference spec makes them.</summary>
    public static string MarkdownTable() => MarkdownTable(ReferenceSpec.Value);

    /// <summary>The rule table with each claim stated for <paramref name="spec"/>.</summary>
    public static string MarkdownTable(ArchitectureSpec spec)
    {
        var lines = new List<string>
        {
            "| id | area | title | checks | seen in | live objects read |",
            "| --- | --- | --- | --- | --- | --- |",
        };
        lines.AddRange(All.Select(r =>
            $"| {r.Id} | {r.Area} | {r.Title} | {r.Claim(spec)} | {string.Join(", ", r.Origins).ToLowerInvariant()} | {(r.Origins.Contains(FactOrigin.Live) ? string.Join(", ", r.Reads) : "-")} |"));
        return string.Join('\n', lines);
    }
}
