using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Docs;

/// <summary>
/// Finds the architecture claims of docs pages with the phrases of <c>Docs/claims.yaml</c>: each
/// claim keeps its file, line and words. What a page says that names the architecture but matches
/// no phrase is "not understood", never a guessed claim.
/// </summary>
public static class DocsReader
{
    private sealed record Pattern(string Key, Regex[] Phrases, string Value, bool TableOnly, bool Unit, bool Number, string? Pages, string? NotPages);

    private static readonly Lazy<(IReadOnlyList<Pattern> Patterns, IReadOnlyList<string> Vocabulary)> Catalogue = new(Load);

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["twelve"] = 12, ["single"] = 1,
    };

    /// <summary>The architecture pages under <paramref name="path"/> (a file, or every <c>architecture.md</c> below a folder), relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> Pages(string root, string path)
    {
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (File.Exists(full)) return IsPage(full) ? [Path.GetRelativePath(root, full).Replace('\\', '/')] : [];
        if (!Directory.Exists(full)) return [];
        return Directory.EnumerateFiles(full, "*.md", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(s => s.StartsWith('.') && s.Length > 1) && IsPage(f))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The pages of <c>docs/</c> that describe the architecture: <c>architecture.md</c> and
    /// <c>hardware.md</c> (or an <c>index.md</c> in a folder of those names), so a design note's
    /// table of other figures is never read as a claim. <c>--docs</c> names others.
    /// </summary>
    public static IReadOnlyList<string> ArchitecturePages(string root) =>
        Pages(root, "docs").Where(p => Path.GetFileNameWithoutExtension(p) is "architecture" or "hardware"
            || (Path.GetFileName(p) == "index.md" && Path.GetFileName(Path.GetDirectoryName(p)) is "architecture" or "hardware")).ToList();

    /// <summary>A page worth reading: a regular file (never a FIFO or device), of a size a page has.</summary>
    private static bool IsPage(string file) => FileKinds.NotAFile(file) is null && new FileInfo(file).Length <= MaxPageBytes;

    public const long MaxPageBytes = 2 * 1024 * 1024;

    /// <summary>The claims of the pages (paths relative to <paramref name="root"/>), added to <paramref name="into"/> when given.</summary>
    public static DocsFacts Read(string root, IEnumerable<string> pages, DocsFacts? into = null)
    {
        var facts = into ?? new DocsFacts();
        foreach (var page in pages)
        {
            facts.Pages.Add(page);
            Read(page, File.ReadAllText(Path.Combine(root, page)), facts);
        }
        return facts;
    }

    public static void Read(string file, string markdown, DocsFacts facts)
    {
        var (patterns, vocabulary) = Catalogue.Value;
        foreach (var unit in DocsPage.Units(markdown))
        {
            var found = false;
            foreach (var pattern in patterns.Where(p => (!p.TableOnly || unit.InTable)
                         && (p.Pages is null || file.Contains(p.Pages, StringComparison.OrdinalIgnoreCase))
                         && (p.NotPages is null || !file.Contains(p.NotPages, StringComparison.OrdinalIgnoreCase))))
            {
                var value = pattern.Phrases.Select(r => r.Match(unit.Text)).Where(m => m.Success).Select(m => Value(pattern, m)).FirstOrDefault(v => v is not null);
                if (value is null) continue;
                found = true;
                if (facts.Claims.Any(c => c.Key == pattern.Key && c.At.File == file && c.Value == Normal(pattern.Key, value))) continue;
                facts.Claims.Add(new DocClaim(pattern.Key, Normal(pattern.Key, value), new RepoEvidence(file, unit.Line, 1, ""), unit.Text));
            }
            if (!found && vocabulary.Any(v => unit.Text.Contains(v, StringComparison.OrdinalIgnoreCase)))
                facts.NotUnderstood.Add((new RepoEvidence(file, unit.Line, 1, ""), unit.Text));
        }
    }

    /// <summary>The value a match claims, or null when it is no value of the claim (a word where a number is wanted).</summary>
    private static string? Value(Pattern pattern, Match match)
    {
        var value = pattern.Value == "$1" && match.Groups.Count > 1 ? match.Groups[1].Value.Trim() : pattern.Value;
        if (pattern.Unit) return Gigabytes(value);
        if (NumberWords.TryGetValue(value, out var n)) return n.ToString(CultureInfo.InvariantCulture);
        return pattern.Number && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : value;
    }

    /// <summary>Values as the spec writes them: lowercase names, node lists without punctuation, storage kinds as a list.</summary>
    private static string Normal(string key, string value) => key switch
    {
        "controlPlane.nodes" or "nodes.workers" => string.Join(", ", Regex.Split(value, @"[,\s]+|\band\b").Select(n => n.Trim(' ', '.', ';')).Where(n => n.Length > 0)),
        "storage.kinds" => string.Join(", ", new[] { "block", "file", "object" }.Where(k => value.Contains(k, StringComparison.OrdinalIgnoreCase))),
        "network.cni" => value.ToLowerInvariant(),
        _ => value,
    };

    /// <summary>"4TB" or "1 TB" as gigabytes (decimal, as disks are sold).</summary>
    private static string Gigabytes(string text)
    {
        var m = Regex.Match(text, @"(\d+)\s*(TB|GB)", RegexOptions.IgnoreCase);
        if (!m.Success) return text;
        var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return (m.Groups[2].Value.Equals("TB", StringComparison.OrdinalIgnoreCase) ? n * 1000 : n).ToString(CultureInfo.InvariantCulture);
    }

    private static (IReadOnlyList<Pattern>, IReadOnlyList<string>) Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Docs/claims.yaml")!;
        using var reader = new StreamReader(stream);
        var (documents, problem) = YamlReader.Read("Docs/claims.yaml", reader.ReadToEnd(), (l, c, p) => new RepoEvidence("Docs/claims.yaml", l, c, p));
        if (problem is not null || documents[0].Root is not MapNode root) throw new InvalidDataException($"Docs/claims.yaml: {problem}");
        var patterns = (root.List("claims")?.Items.OfType<MapNode>() ?? []).Select(c => new Pattern(
            c.Text("key")!,
            (c.List("phrases")?.Items.OfType<ScalarNode>() ?? []).Select(p => new Regex(p.Value!, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).ToArray(),
            c.Text("value") ?? "$1",
            c.Text("in") == "table",
            c.Scalar("unit")?.AsBool() == true,
            c.Scalar("number")?.AsBool() == true,
            c.Text("pages"),
            c.Text("notPages"))).ToList();
        var vocabulary = (root.List("vocabulary")?.Items.OfType<ScalarNode>() ?? []).Select(v => v.Value!).ToList();
        return (patterns, vocabulary);
    }
}
