using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Audit;

/// <summary>An architecture.yaml written from docs claims: the text, and the claims no key of the spec takes.</summary>
public sealed record DocsSpecText(string Text, IReadOnlyList<DocClaim> Unmapped, IReadOnlyList<string> FromDocs);

/// <summary>
/// Writes an architecture spec from what the docs claim: the reference spec's text, with each key
/// the docs state set to their value and commented with the docs line it came from; keys the docs
/// do not state keep the reference value, marked so. Per-node hardware is the docs' totals divided
/// by the node count when no page gives it per node.
/// </summary>
public static partial class DocsSpec
{
    public static DocsSpecText Write(DocsFacts docs)
    {
        var claims = docs.Claims.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var values = new Dictionary<string, (string Value, DocClaim From)>(StringComparer.Ordinal);
        void Take(string specKey, string claimKey, Func<string, string?>? convert = null)
        {
            if (claims.TryGetValue(claimKey, out var claim) && (convert is null ? claim.Value : convert(claim.Value)) is { } value) values[specKey] = (value, claim);
        }
        Take("nodes.count", "nodes.count");
        Take("nodes.os", "nodes.os");
        Take("controlPlane.count", "controlPlane.count");
        Take("controlPlane.nodes", "controlPlane.nodes", v => $"[{v}]");
        Take("controlPlane.schedulable", "controlPlane.schedulable");
        Take("network.cni", "network.cni");
        Take("network.kubeProxy", "network.kubeProxy");
        Take("network.l2LoadBalancing", "network.l2LoadBalancing");
        Take("network.networkPolicies.clusterWide", "network.networkPolicies.clusterWide");
        Take("network.networkPolicies.nodeLevel", "network.networkPolicies.nodeLevel");
        Take("storage.engine", "storage.engine");
        Take("storage.kinds", "storage.kinds", v => $"[{v}]");
        Take("gitops.engine", "gitops.engine");
        Take("gitops.requiredSourceKinds", "gitops.oci", v => $"[{v}]");
        Take("observability.collector", "observability.collector");
        Take("observability.destination", "observability.destination");
        Take("nodes.perNode.diskGB", "nodes.perNode.diskGB");
        // The node names, when the page names every node: its control planes and its workers ("tba" names none).
        if (claims.TryGetValue("controlPlane.nodes", out var planes) && claims.TryGetValue("nodes.workers", out var workers)
            && workers.Value.Split(", ").All(n => NodeName().IsMatch(n) && !n.Equals("tba", StringComparison.OrdinalIgnoreCase)))
            values["nodes.names"] = ($"[{planes.Value}, {workers.Value}]", workers);
        if (claims.TryGetValue("nodes.count", out var count) && int.TryParse(count.Value, CultureInfo.InvariantCulture, out var nodes) && nodes > 0)
        {
            foreach (var (specKey, total) in new[] { ("nodes.perNode.cpuCores", "resources.cpus"), ("nodes.perNode.memoryGiB", "resources.memoryGB"), ("nodes.perNode.diskGB", "resources.diskGB") })
                if (!values.ContainsKey(specKey) && claims.TryGetValue(total, out var claim) && int.TryParse(claim.Value, CultureInfo.InvariantCulture, out var sum))
                    values[specKey] = ((sum / nodes).ToString(CultureInfo.InvariantCulture), claim);
        }
        var used = values.Values.Select(v => v.From).ToHashSet();
        var derived = new[] { "nodes.count", "resources.cpus", "resources.memoryGB", "resources.diskGB", "controlPlane.nodes" };
        var unmapped = docs.Claims.Where(c => !used.Contains(c) && !values.Values.Any(v => v.From.Key == c.Key) && !derived.Contains(c.Key)).ToList();
        return new DocsSpecText(Rewrite(ReferenceSpec.Text, values, docs.Pages), unmapped, values.Keys.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The reference text, line by line: a key the docs state gets their value and line; the others say they are the reference's.</summary>
    private static string Rewrite(string reference, Dictionary<string, (string Value, DocClaim From)> values, IReadOnlyList<string> pages)
    {
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"# Written by `homelab-audit init --from-docs` from {string.Join(", ", pages)}: each key the docs state\n");
        output.Append("# names the line it came from; `(reference)` marks a key they do not state, left at the reference value.\n");
        var path = new List<(int Indent, string Key)>();
        // The reference's own header says what it is; this file says where it came from instead.
        foreach (var line in reference.Split('\n').SkipWhile(l => l.StartsWith('#')))
        {
            var m = KeyLine().Match(line);
            if (!m.Success || line.TrimStart().StartsWith('#'))
            {
                output.Append(line).Append('\n');
                continue;
            }
            var indent = m.Groups[1].Value.Length;
            path.RemoveAll(p => p.Indent >= indent);
            path.Add((indent, m.Groups[2].Value));
            var key = string.Join('.', path.Select(p => p.Key));
            var value = m.Groups[3].Value.TrimEnd();
            if (value.Length == 0 || key is "apiVersion" or "kind" or "waivers")
            {
                output.Append(line).Append('\n');
                continue;
            }
            var comment = m.Groups[4].Value.Trim().TrimStart('#').Trim();
            var (text, note) = values.TryGetValue(key, out var docs)
                ? (docs.Value, $"docs: {docs.From.At.File}:{docs.From.At.Line}")
                : (value, "(reference)");
            output.Append($"{m.Groups[1].Value}{m.Groups[2].Value}: {text}".PadRight(32)).Append(CultureInfo.InvariantCulture, $"  # {note}{(comment.Length > 0 ? $"; {comment}" : "")}\n");
        }
        return output.ToString().TrimEnd('\n') + "\n";
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex NodeName();

    [GeneratedRegex(@"^(\s*)([A-Za-z][A-Za-z0-9]*):[ \t]*([^#]*?)(#.*)?$")]
    private static partial Regex KeyLine();
}
