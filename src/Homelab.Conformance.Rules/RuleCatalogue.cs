using Homelab.Conformance.Facts;
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

    /// <summary>The README's rule table, generated so it cannot drift from the code.</summary>
    public static string MarkdownTable()
    {
        var lines = new List<string>
        {
            "| id | area | title | checks | seen in | live objects read |",
            "| --- | --- | --- | --- | --- | --- |",
        };
        lines.AddRange(All.Select(r =>
            $"| {r.Id} | {r.Area} | {r.Title} | {r.Claim} | {string.Join(", ", r.Origins).ToLowerInvariant()} | {(r.Origins.Contains(FactOrigin.Live) ? string.Join(", ", r.Reads) : "-")} |"));
        return string.Join('\n', lines);
    }
}
