using System.Text.RegularExpressions;
using Homelab.Conformance.Provenance;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Homelab.Conformance.Documents;

/// <summary>
/// Reads YAML into <see cref="Node"/> trees whose every value carries its file, line and path.
/// Anchors are shared rather than copied, and their expanded size is bounded, so an alias bomb
/// is an error and not an out-of-memory.
/// </summary>
public static partial class YamlReader
{
    /// <summary>The most nodes one document may expand to through aliases.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 200;

    public delegate Evidence OriginFactory(int line, int column, string path);

    /// <summary>Reads a file of the repo; a parse error ends that file, documents before it are kept.</summary>
    public static (IReadOnlyList<YamlDocument> Documents, InputProblem? Problem) ReadRepoFile(string file, string text) =>
        Read(file, text, RepoOrigin(file));

    /// <summary>
    /// A repo file read from <c>text[..length]</c>, as <see cref="ReadRepoFile(string, string)"/> reads it: for a
    /// file parsed once and let go. Its text becomes a string (<c>Text</c>) only when YamlDotNet reads it;
    /// block-style YAML (<see cref="BlockYaml"/>) is read from the buffer, and its <c>Text</c> is null.
    /// </summary>
    public static (IReadOnlyList<YamlDocument> Documents, InputProblem? Problem, string? Text) ReadRepoFile(string file, char[] text, int length)
    {
        var origin = RepoOrigin(file);
        if (BlockYaml.TryRead(file, text, length, origin) is { } documents) return (documents, null, null);
        var whole = new string(text, 0, length);
        var (read, problem) = ReadEvents(file, whole, origin);
        return (read, problem, whole);
    }

    private static OriginFactory RepoOrigin(string file) => (line, column, path) => new RepoEvidence(file, line, column, path);

    public static (IReadOnlyList<YamlDocument> Documents, InputProblem? Problem) Read(string file, string text, OriginFactory origin) =>
        BlockYaml.TryRead(file, text, origin) is { } documents ? (documents, null) : ReadEvents(file, text, origin);

    /// <summary>What <see cref="BlockYaml"/> leaves, read by YamlDotNet's events.</summary>
    private static (IReadOnlyList<YamlDocument> Documents, InputProblem? Problem) ReadEvents(string file, string text, OriginFactory origin)
    {
        var read = ParseEvents(file, text, origin);
        // Only a file YamlDotNet refuses is read again with its alias keys as Go reads them: no other text changes.
        if (read.Problem is not null && text.Contains('*', StringComparison.Ordinal) && AliasKey().IsMatch(text))
        {
            var again = Parse(file, AliasKey().Replace(text, "$1 :"), origin);
            if (again.Problem is null) return again;
        }
        return read;
    }

    /// <summary>Block-style YAML is read straight from the text; anything else by YamlDotNet's parser.</summary>
    private static (IReadOnlyList<YamlDocument> Documents, InputProblem? Problem) Parse(string file, string text, OriginFactory origin) =>
        BlockYaml.TryRead(file, text, origin) is { } documents ? (documents, null) : ParseEvents(file, text, origin);

    /// <summary>Reads YAML from YamlDotNet's events: any YAML, and the errors of what is not.</summary>
    internal static (IReadOnlyList<YamlDocument> Documents, InputProblem? Problem) ParseEvents(string file, string text, OriginFactory origin)
    {
        var documents = new List<YamlDocument>();
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            var builder = new Builder(parser, origin);
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                var root = parser.Accept<DocumentEnd>(out _) ? null : builder.Build();
                // An empty document (a trailing "---") parses as a null scalar; like kubectl, read it as no document.
                if (root is ScalarNode { IsNull: true, Quoted: false }) root = null;
                parser.Consume<DocumentEnd>();
                documents.Add(new YamlDocument(file, documents.Count, (int)start.Start.Line, root));
            }
            parser.Consume<StreamEnd>();
            return (documents, null);
        }
        catch (YamlException e)
        {
            // YamlDotNet gives a tab used as indentation no place: it is the first tab-indented line after the last good event.
            var (line, column) = e.Start.Equals(Mark.Empty) && e.Message.Contains(" tab ", StringComparison.Ordinal)
                ? (TabIndentedLine(text, (int)(parser.Current?.End.Line ?? 1)), 1)
                : ((int)e.Start.Line, (int)e.Start.Column);
            var where = new RepoEvidence(file, line, column, "");
            return (documents, new InputProblem(where, $"invalid YAML: {Describe(e)}"));
        }
    }

    /// <summary>
    /// An alias key as Go's YAML reads it (libyaml's scanner, which kubectl, Flux and Helm use): an
    /// alias name ends at the first character outside <c>[0-9A-Za-z_-]</c>, so <c>*app:</c> is the alias
    /// <c>app</c> and a colon, where YAML 1.2 (and YamlDotNet) reads an alias named <c>app:</c>. A space
    /// after the name keeps one reading for both, and every line and column before it in place.
    /// </summary>
    [GeneratedRegex(@"^([ \t]*(?:-[ \t]+)?\*[0-9A-Za-z_-]+):(?=[ \t]|\r?$)", RegexOptions.Multiline)]
    private static partial Regex AliasKey();

    private static int TabIndentedLine(string text, int from)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(from, 1) - 1; i < lines.Length; i++)
            if (lines[i].TakeWhile(char.IsWhiteSpace).Contains('\t')) return i + 1;
        return from;
    }

    private static string Describe(YamlException e)
    {
        var message = e.InnerException is YamlException inner && inner.Message != e.Message ? inner.Message : e.Message;
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 10) - (Line: ...): "; the place is said already.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    /// <summary>A scalar as both parsers make it: a plain empty, <c>~</c> or <c>null</c> is null; a SOPS value is unknown.</summary>
    internal static ScalarNode ScalarOf(NodePlace place, string value, bool quoted, bool literal) =>
        Make(place, IsNull(value, quoted) ? null : SharedStrings.Get(value), quoted, literal);

    /// <inheritdoc cref="ScalarOf(NodePlace, string, bool, bool)"/>
    internal static ScalarNode ScalarOf(NodePlace place, ReadOnlySpan<char> value, bool quoted, bool literal) =>
        Make(place, IsNull(value, quoted) ? null : SharedStrings.Get(value), quoted, literal);

    private static bool IsNull(ReadOnlySpan<char> value, bool quoted) => !quoted && (value.IsEmpty || value is "~" or "null" or "Null" or "NULL");

    private static ScalarNode Make(NodePlace place, string? text, bool quoted, bool literal) =>
        new(place, text, quoted, ScalarNode.IsEncrypted(text) ? ScalarNode.EncryptedValue : null) { IsLiteralBlock = literal };

    /// <summary>
    /// Builds a document's tree bottom-up. A node gets no evidence or path here: it keeps its line and
    /// column, and is adopted by the collection it was read in (an alias's node keeps the place of its
    /// anchor), so its evidence is built only if a finding asks for it. Entry buffers are kept per depth.
    /// </summary>
    private sealed class Builder(IParser parser, OriginFactory origin)
    {
        private readonly Dictionary<string, (Node Node, long Size)> _anchors = new(StringComparer.Ordinal);
        private readonly List<ReadLevel> _levels = [];

        /// <summary>A node, its size with what aliases expand to, and whether it was read here (not an alias of a node read before).</summary>
        private readonly record struct Built(Node Node, long Size, bool Own);

        /// <summary>The next document's root; anchors are the document's own.</summary>
        public Node Build()
        {
            _anchors.Clear();
            return Build(0).Node;
        }

        private Built Build(int depth)
        {
            var at = parser.Current!;
            if (depth > MaxDepth) throw new YamlException(at.Start, at.End, $"nesting deeper than {MaxDepth} levels");
            var result = at switch
            {
                AnchorAlias alias => Alias(alias),
                Scalar scalar => Scalar(scalar),
                SequenceStart seq => Sequence(seq, depth),
                MappingStart map => Mapping(map, depth),
                var other => throw new YamlException(other!.Start, other.End, $"unexpected {other.GetType().Name}"),
            };
            // A node's size counts what its aliases expand to, so this bounds the whole document.
            if (result.Size > MaxExpandedNodes)
                throw new YamlException(at.Start, at.End,
                    $"the document expands to more than {MaxExpandedNodes:N0} nodes through aliases (an alias bomb?)");
            return result;
        }

        private NodePlace Place(Mark start) => new(origin, (int)start.Line, (int)start.Column);

        private Built Alias(AnchorAlias alias)
        {
            parser.MoveNext();
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value} names no anchor");
            return new(anchored.Node, anchored.Size, Own: false);
        }

        private Built Scalar(Scalar scalar)
        {
            parser.MoveNext();
            var quoted = scalar.Style is not ScalarStyle.Plain || (scalar.Tag is { IsEmpty: false, IsNonSpecific: false } tag && tag.Value == "tag:yaml.org,2002:str");
            var node = ScalarOf(Place(scalar.Start), scalar.Value, quoted, literal: scalar.Style == ScalarStyle.Literal);
            return Anchor(scalar.Anchor, new(node, 1, Own: true));
        }

        private Built Sequence(SequenceStart start, int depth)
        {
            parser.MoveNext();
            var level = LevelAt(depth);
            long size = 1;
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var item = Build(depth + 1);
                level.Items.Add(item.Node);
                level.Own.Add(item.Own);
                size += item.Size;
            }
            var node = new ListNode(Place(start.Start), level.Items.ToArray());
            for (var i = 0; i < node.Items.Count; i++)
                if (level.Own[i]) node.Items[i].Adopt(node, i);
            return Anchor(start.Anchor, new(node, size, Own: true));
        }

        private Built Mapping(MappingStart start, int depth)
        {
            parser.MoveNext();
            var level = LevelAt(depth);
            var (entries, seen) = (level.Entries, level.Keys);
            List<MapNode>? merged = null;
            long size = 1;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                var key = Key(keyEvent, level);
                parser.MoveNext();
                if (key == "<<" && keyEvent is Scalar { Style: ScalarStyle.Plain })
                {
                    var source = Build(depth + 1);
                    if (source.Own) level.SamePath.Add(source.Node);
                    (merged ??= []).AddRange(source.Node switch
                    {
                        MapNode m => [m],
                        ListNode l when l.Items.All(i => i is MapNode) => l.Items.Cast<MapNode>(),
                        _ => throw new YamlException(keyEvent.Start, keyEvent.End, "a merge key '<<' takes a mapping or a list of mappings"),
                    });
                    size += source.Size;
                    continue;
                }
                if (!seen.Add(key))
                    throw new YamlException(keyEvent.Start, keyEvent.End, $"duplicate key '{key}'");
                var value = Build(depth + 1);
                entries.Add(new(key, value.Node));
                level.Own.Add(value.Own);
                size += value.Size;
            }
            // Merge keys: explicit keys win, then earlier merged maps win over later ones.
            foreach (var entry in merged?.SelectMany(m => m.Entries) ?? [])
                if (seen.Add(entry.Key)) entries.Add(entry);
            var node = new MapNode(Place(start.Start), entries.ToArray());
            for (var i = 0; i < level.Own.Count; i++)
                if (level.Own[i]) node.Entries[i].Value.Adopt(node, i);
            foreach (var same in level.SamePath) same.Adopt(node, NodePlace.SameAsParent);
            return Anchor(start.Anchor, new(node, size, Own: true));
        }

        private ReadLevel LevelAt(int depth) => ReadLevel.At(_levels, depth);

        /// <summary>
        /// A mapping key as YAML allows it and Kubernetes' YAML readers take it: a scalar (an anchor on
        /// it is kept, for an alias later) or an alias of a scalar, e.g. <c>*app :</c>.
        /// </summary>
        private string Key(ParsingEvent keyEvent, ReadLevel level)
        {
            switch (keyEvent)
            {
                case Scalar scalar:
                    if (!scalar.Anchor.IsEmpty)
                    {
                        var key = new ScalarNode(Place(scalar.Start), scalar.Value);
                        level.SamePath.Add(key);
                        Anchor(scalar.Anchor, new(key, 1, Own: true));
                    }
                    return SharedStrings.Get(scalar.Value);
                case AnchorAlias alias when _anchors.TryGetValue(alias.Value.Value, out var anchored):
                    return anchored.Node is ScalarNode { Value: { } text } ? text
                        : throw new YamlException(alias.Start, alias.End, $"the key *{alias.Value} is an alias of a mapping or list; only scalar keys are supported");
                case AnchorAlias alias:
                    throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value} names no anchor");
                default:
                    throw new YamlException(keyEvent.Start, keyEvent.End, "only scalar keys are supported");
            }
        }

        private Built Anchor(AnchorName anchor, Built built)
        {
            if (!anchor.IsEmpty) _anchors[anchor.Value] = (built.Node, built.Size);
            return built;
        }
    }
}
