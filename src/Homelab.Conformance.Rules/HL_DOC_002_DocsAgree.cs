using System.Globalization;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

/// <summary>
/// The docs agree with themselves: a claim made on two lines (or pages) is the same on both, and the
/// resource totals of the architecture page are the hardware page's per-node figures times the nodes
/// the cluster runs on.
/// </summary>
public sealed class HL_DOC_002_DocsAgree : Rule
{
    public override string Id => "HL-DOC-002";
    public override string Title => "The docs pages agree with each other";
    public override string Claim(ArchitectureSpec spec) => "The docs pages state one architecture: the same node counts and names everywhere, and resource totals that are the per-node hardware times the nodes.";
    public override string Remediation => "Correct the page that is out of date, so every page states the same nodes and resources.";
    public override Area Area => Area.Docs;
    public override IReadOnlyList<FactOrigin> Origins => [FactOrigin.Repo];
    public override IReadOnlyList<string> Reads => [];

    private static readonly (string Total, string PerNode, string What)[] Totals =
        [("resources.cpus", "hardware.cpuCores", "CPU cores"), ("resources.memoryGB", "hardware.memoryGB", "GB of RAM"), ("resources.diskGB", "hardware.diskGB", "GB of disk")];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (facts.Docs.Pages.Count == 0)
        {
            yield return Finding.NotApplicable(new AbsenceEvidence("architecture page (docs/**/*.md)", facts.Source), "the repo has no docs pages");
            yield break;
        }
        var claims = facts.Docs.Claims;
        var judged = false;
        // One claim, several lines: they must say one thing (the hardware page's count of cluster boards is a node count too).
        foreach (var group in claims.Select(c => c.Key == "hardware.nodes" ? c with { Key = "nodes.count" } : c).GroupBy(c => c.Key).Where(g => g.Count() > 1))
        {
            judged = true;
            var first = group.First();
            var differing = group.Skip(1).Where(c => !Same(group.Key, c.Value, first.Value)).ToList();
            foreach (var other in differing)
                yield return Finding.Fail(other.At, $"{other.At.Location} says {group.Key} is {other.Value}, {first.At.Location} says {first.Value}", first.Value, other.Value);
            if (differing.Count == 0)
                yield return Finding.Pass(first.At, $"{group.Count()} lines agree that {group.Key} is {first.Value} ({string.Join(", ", group.Select(c => c.At.Location))})");
        }
        var count = claims.FirstOrDefault(c => c.Key == "nodes.count") ?? claims.FirstOrDefault(c => c.Key == "hardware.nodes");
        foreach (var (totalKey, perNodeKey, what) in Totals)
        {
            if (count is null || claims.FirstOrDefault(c => c.Key == totalKey) is not { } total || claims.FirstOrDefault(c => c.Key == perNodeKey) is not { } perNode) continue;
            if (!int.TryParse(count.Value, CultureInfo.InvariantCulture, out var n) || !int.TryParse(perNode.Value, CultureInfo.InvariantCulture, out var each)) continue;
            judged = true;
            var expected = (n * each).ToString(CultureInfo.InvariantCulture);
            yield return total.Value == expected
                ? Finding.Pass(total.At, $"{total.Value} {what} in total: {n} nodes × {each} ({perNode.At.Location})")
                : Finding.Fail(total.At, $"the page gives {total.Value} {what} in total, but {n} nodes ({count.At.Location}) × {each} ({perNode.At.Location}) is {expected}", expected, total.Value);
        }
        if (!judged) yield return Finding.Pass(new RepoEvidence(facts.Docs.Pages[0], 1, 1, ""), $"no claim of the docs pages is made twice or has a total to check ({claims.Count} claims)");
    }

    private static bool Same(string key, string a, string b) => key.EndsWith(".nodes", StringComparison.Ordinal)
        ? a.Split(", ").Order(StringComparer.Ordinal).SequenceEqual(b.Split(", ").Order(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase)
        : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
