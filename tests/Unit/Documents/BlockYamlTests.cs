using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Tests.Documents;

/// <summary>
/// The block-style reader must give, on every text it reads, the tree YamlDotNet's events give (every
/// value, style, line, column and path), and must leave to YamlDotNet every text beyond its subset.
/// </summary>
public class BlockYamlTests
{
    private static readonly YamlReader.OriginFactory Origin = (line, column, path) => new RepoEvidence("x.yaml", line, column, path);

    public static TheoryData<string, string> Read => new()
    {
        { "maps, lists, indentless lists, comments", "a: 1\nb:\n  c: x # note\n  d:\n  - p\n  -   q\n# end\ne:\n  - k: v\n    l: w\n  -\n    m: n\n" },
        { "nulls and empty values", "a:\nb: ~\nc: null\nd: # nothing\ne: 'null'\nf:\n-\n- \n" },
        { "plain scalars YAML reads as text", "a: http://x:80/p\nb: a#b\nc: -1\nd: --flag=x\ne: x - y\nf: x[not, a]{b}\ng: \"q\"\n" },
        { "quoted scalars and escapes", "'a b': 'it''s'\n\"c\": \"x\\\"y\\\\z\\n\\t\\u00e9\\x41\"\nd: ''\n" },
        { "literal block scalars and their chomping", "a: |\n  x\n\n  y\n\n\nb: |-\n  x\n   indented\nc: |+\n  x\n\n\nd: |\n\n  after an empty line\ne: |\n  # not a comment\n  x\n" },
        { "folded block scalars", "a: >\n  one\n  two\n\n  three\n    more\n  four\nb: >-\n  x\n  y\nc: >+\n  z\n\n" },
        { "a block scalar at the end of the text", "a: |\n  no break" },
        { "flow collections on one line", "a: []\nb: {}\nc: [x, 'y', \"z\", -1]\nd: {cpu: 10m, memory: \"1Gi\", n: null}\n" },
        { "nested flow collections", "capabilities: { drop: [\"ALL\"], add: [] }\nmatrix: [[a, b], {k: v}]\n" },
        { "anchors and aliases of scalars", "a: &app web\nb: *app\nc:\n  - *app # again\nd: &block\n  k: v\n" },
        { "aliases of collections, which keep their anchor's place", "probes:\n  liveness: &probe\n    path: /\n    port: &port 80\n  readiness: *probe\nservice:\n  ports:\n    - *port\nlist: &list\n  - a\nagain: *list\n" },
        { "documents", "# head\n---\na: 1\n---\n--- # empty\nb: 2\n" },
        { "an implicit first document", "a: 1\n---\nb: 2\n" },
        { "sequences of sequences and deep nesting", "a:\n  b:\n    - c:\n        - d: e\n" },
        { "keys with odd characters", "app.kubernetes.io/name: x\n\"quoted key\": y\n-dash: z\nk : spaced\n" },
    };

    [Theory]
    [MemberData(nameof(Read))]
    public void Reads_what_YamlDotNet_reads(string what, string text)
    {
        var block = BlockYaml.TryRead("x.yaml", text, Origin);
        block.Should().NotBeNull(what);
        TreeDifference(block!, Events(text)).Should().BeNull(what);
    }

    public static TheoryData<string, string> Beyond => new()
    {
        { "an alias bomb", AliasBomb() },
        { "a merge key", "a: &m\n  k: v\nb:\n  <<: *m\n" },
        { "a tag", "a: !!str 1\n" },
        { "a plain scalar over two lines", "a: one\n  two\n" },
        { "a quoted scalar over two lines", "a: \"one\n  two\"\n" },
        { "a tab", "a:\tb\n" },
        { "CR line ends", "a: 1\r\nb: 2\r\n" },
        { "an indentation indicator", "a: |2\n   x\n" },
        { "a directive", "%YAML 1.1\n---\na: 1\n" },
        { "a complex key", "? a\n: b\n" },
        { "content after '---'", "--- a\n" },
        { "a document end marker", "a: 1\n...\n" },
        { "a duplicate key", "a: 1\na: 2\n" },
        { "a mapping value where a value is", "a: b: c\n" },
        { "an entry where a value is", "a: - b\n" },
        { "a key more indented than its siblings", "a: 1\n  b: 2\n" },
        { "an alias naming no anchor", "a: *nothing\n" },
        { "an alias key", "a: &k x\n*k : y\n" },
        { "a scalar document", "just text\n" },
        { "a flow collection over two lines", "a: [b,\n  c]\n" },
        { "a trailing comma", "a: [b, c,]\n" },
        { "a byte order mark", "\uFEFFa: 1\n" },
        { "a key YamlDotNet and libyaml read apart", "a *b: c\n" },
    };

    /// <summary>Seven levels of ten aliases of the level below: ten million nodes once expanded.</summary>
    private static string AliasBomb()
    {
        var text = new System.Text.StringBuilder("l0: &l0\n" + string.Concat(Enumerable.Repeat("  - x\n", 10)));
        for (var level = 1; level <= 7; level++)
            text.Append($"l{level}: &l{level}\n").Append(string.Concat(Enumerable.Repeat($"  - *l{level - 1}\n", 10)));
        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(Beyond))]
    public void Leaves_to_YamlDotNet_what_is_beyond_it(string what, string text)
    {
        BlockYaml.TryRead("x.yaml", text, Origin).Should().BeNull(what);

        var read = YamlReader.Read("x.yaml", text, Origin);
        var events = YamlReader.ParseEvents("x.yaml", text, Origin);
        read.Problem.Should().Be(events.Problem, what);
        if (events.Problem is null) TreeDifference(read.Documents, events.Documents).Should().BeNull(what);
    }

    /// <summary>
    /// Fixture files changed at random (characters inserted, removed, copied; a fixed seed): whatever the
    /// block reader reads of them must be valid YAML and read the same by YamlDotNet.
    /// </summary>
    [Fact]
    public void Reads_mutated_fixture_files_as_YamlDotNet_does()
    {
        string[] inserts = [":", ": ", "-", "- ", "#", " #", "'", "\"", "|", ">", " ", "  ", "\n", "\n  ", "&a ", "*a", "[", "]", "{", "}", ",", "\\", "---\n", "|-", ">+", "\n\n", "~", "<<: "];
        var random = new Random(16);
        var files = Directory.EnumerateFiles(Path.Combine(SourceTree.Root, "fixtures"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var (tried, read, wrong) = (0, 0, new List<string>());
        foreach (var file in files)
        {
            var original = File.ReadAllText(file);
            for (var m = 0; m < 12; m++)
            {
                var text = original;
                for (var edit = random.Next(1, 4); edit > 0; edit--)
                {
                    var at = random.Next(text.Length + 1);
                    text = random.Next(3) switch
                    {
                        0 => text.Insert(at, inserts[random.Next(inserts.Length)]),
                        1 when at < text.Length => text.Remove(at, Math.Min(random.Next(1, 4), text.Length - at)),
                        2 when at < text.Length => text.Insert(random.Next(text.Length + 1), text[at..Math.Min(text.Length, at + random.Next(1, 30))]),
                        _ => text,
                    };
                }
                tried++;
                if (BlockYaml.TryRead("x.yaml", text, Origin) is not { } block) continue;
                read++;
                var events = YamlReader.ParseEvents("x.yaml", text, Origin);
                var difference = events.Problem is { } problem ? $"YamlDotNet refuses it: {problem}" : TreeDifference(block, events.Documents);
                if (difference is not null) wrong.Add($"{Path.GetRelativePath(SourceTree.Root, file)} (mutant {m}): {difference}");
            }
        }
        wrong.Should().BeEmpty();
        read.Should().BeGreaterThan(tried / 5, "most mutants stay in the subset, so the comparison has something to compare");
    }

    [Fact]
    public void Reads_the_fixture_repo_but_its_merge_keys()
    {
        // The fixture repo is written as homelab repos are: only talhelper's merge key ('<<: *node') needs YamlDotNet.
        var beyond = Directory.EnumerateFiles(Path.Combine(SourceTree.Root, "fixtures", "homelab"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => BlockYaml.TryRead(f, File.ReadAllText(f), Origin) is null)
            .Select(f => Path.GetRelativePath(SourceTree.Root, f))
            .ToList();
        beyond.Should().Equal("fixtures/homelab/talos/talconfig.yaml");
    }

    private static IReadOnlyList<YamlDocument> Events(string text)
    {
        var (documents, problem) = YamlReader.ParseEvents("x.yaml", text, Origin);
        problem.Should().BeNull();
        return documents;
    }

    /// <summary>The first difference between two readings: documents, node kinds, values, styles and every node's evidence.</summary>
    private static string? TreeDifference(IReadOnlyList<YamlDocument> a, IReadOnlyList<YamlDocument> b)
    {
        if (a.Count != b.Count) return $"{a.Count} documents, {b.Count} by YamlDotNet";
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Index != b[i].Index || a[i].Line != b[i].Line) return $"document {i} at line {a[i].Line}, {b[i].Line} by YamlDotNet";
            if (NodeDifference(a[i].Root, b[i].Root) is { } difference) return $"document {i}: {difference}";
        }
        return null;
    }

    private static string? NodeDifference(Node? x, Node? y)
    {
        if (x is null || y is null) return x == y ? null : $"{x?.Origin.Location ?? "null"}, {y?.Origin.Location ?? "null"} by YamlDotNet";
        if (x.GetType() != y.GetType()) return $"{x.GetType().Name} at {x.Origin.Location}, {y.GetType().Name} by YamlDotNet";
        if (!Equals(x.Origin, y.Origin)) return $"at {x.Origin.Location}, at {y.Origin.Location} by YamlDotNet";
        return (x, y) switch
        {
            (ScalarNode s, ScalarNode t) when s.Value != t.Value || s.Quoted != t.Quoted || s.Unknown != t.Unknown || !Equals(s.Content, t.Content) =>
                $"[{s.Value}] (quoted {s.Quoted}, content {s.Content?.Location}) at {s.Origin.Location}, [{t.Value}] (quoted {t.Quoted}, content {t.Content?.Location}) by YamlDotNet",
            (MapNode m, MapNode n) when !m.Keys.SequenceEqual(n.Keys) => $"keys {string.Join(",", m.Keys)} at {m.Origin.Location}, {string.Join(",", n.Keys)} by YamlDotNet",
            (MapNode m, MapNode n) => m.Entries.Zip(n.Entries).Select(p => NodeDifference(p.First.Value, p.Second.Value)).FirstOrDefault(d => d is not null),
            (ListNode l, ListNode k) when l.Items.Count != k.Items.Count => $"{l.Items.Count} items at {l.Origin.Location}, {k.Items.Count} by YamlDotNet",
            (ListNode l, ListNode k) => l.Items.Zip(k.Items).Select(p => NodeDifference(p.First, p.Second)).FirstOrDefault(d => d is not null),
            _ => null,
        };
    }
}
