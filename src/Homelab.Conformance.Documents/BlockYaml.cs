using System.Buffers;
using System.Text;

namespace Homelab.Conformance.Documents;

/// <summary>
/// The block-style YAML that GitOps repos are written in, read straight from the text into the tree
/// <see cref="YamlReader"/> builds from YamlDotNet's events, without the tokens and events between:
/// those were most of the index's time and allocations (issue 16). It reads a subset, and gives up
/// (null) on anything beyond it or anything that is not valid YAML: tags, directives, merge and <c>?</c>
/// keys, flow collections over several lines or with ':' in a plain scalar (JSON style), plain or quoted
/// scalars over several lines, block scalars with an indentation indicator, tabs, CR line ends, emoji.
/// YamlDotNet then reads the file, and reports its errors.
/// Where it reads, it gives what YamlDotNet gives, to the line and column (BlockYamlTests compare the two).
/// Lines and columns count UTF-16 characters from 1, as YamlDotNet's marks do.
/// </summary>
internal sealed class BlockYaml
{
    /// <summary>Characters that put a text beyond the subset wherever they are.</summary>
    private static readonly SearchValues<char> Unusual = SearchValues.Create(UnusualCharacters());

    /// <summary>What no plain scalar starts with (YAML's indicators), besides a '-' before a non-space.</summary>
    private static readonly SearchValues<char> Indicators = SearchValues.Create("-?:,[]{}#&*!|>'\"%@`");

    /// <summary>One reader per thread, its buffers kept from file to file (a repo has thousands of small files).</summary>
    [ThreadStatic] private static BlockYaml? t_reader;

    private char[] _text = [];
    private int _length; // the text is _text[.._length]
    private YamlReader.OriginFactory _origin = null!;
    private readonly List<ReadLevel> _levels = [];
    private readonly Dictionary<string, (Node Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private long _nodes; // the document's nodes with what its aliases expand to, bounded as YamlDotNet's reader bounds them
    private readonly StringBuilder _builder = new();
    private int _pos, _end, _line; // the current line: its start, its end (its '\n' or the text's end), its number

    /// <summary>The documents of a text in the subset; null when the text goes beyond it.</summary>
    public static List<YamlDocument>? TryRead(string file, string text, YamlReader.OriginFactory origin)
    {
        var chars = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            text.CopyTo(chars);
            return TryRead(file, chars, text.Length, origin);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The documents of <c>text[..length]</c> in the subset; null when it goes beyond it. The text is not kept.</summary>
    public static List<YamlDocument>? TryRead(string file, char[] text, int length, YamlReader.OriginFactory origin)
    {
        if (text.AsSpan(0, length).ContainsAny(Unusual)) return null;
        var reader = t_reader ??= new BlockYaml();
        (reader._text, reader._length, reader._origin, reader._line) = (text, length, origin, 1);
        try
        {
            return reader.Documents(file);
        }
        catch (BeyondException)
        {
            return null;
        }
        finally
        {
            // Let go of the file: the reader stays with its thread.
            (reader._text, reader._origin) = ([], null!);
            reader._anchors.Clear();
            foreach (var level in reader._levels) level.Clear();
            if (reader._builder.Capacity > 1 << 16) reader._builder.Clear().Capacity = 1 << 10;
        }
    }

    /// <summary>Thrown where the text leaves the subset; caught once, at the top.</summary>
    private sealed class BeyondException : Exception;

    private static BeyondException Beyond() => new();

    private List<YamlDocument> Documents(string file)
    {
        var documents = new List<YamlDocument>();
        SetLine(0);
        SkipBlankLines();
        if (!AtEnd) documents.Add(new YamlDocument(file, 0, _line, Root()));
        while (!AtEof)
        {
            // At a document marker: only '---', alone or before a comment, starts a document here.
            if (_text[_pos] != '-' || !RestIsBlank(_pos + 3)) throw Beyond();
            var line = _line;
            NextLine();
            SkipBlankLines();
            documents.Add(new YamlDocument(file, documents.Count, line, AtEnd ? null : Root()));
        }
        return documents;
    }

    private Node Root()
    {
        _anchors.Clear(); // anchors are the document's own
        _nodes = 0;
        var root = BlockNode(-1, 0);
        SkipBlankLines();
        if (!AtEnd) throw Beyond();
        return root;
    }

    /// <summary>
    /// A mapping or list that starts at the current line, indented deeper than its parent; placed at
    /// <paramref name="anchored"/> when an anchor before it names it (YamlDotNet places it there).
    /// </summary>
    private Node BlockNode(int parentIndent, int depth, NodePlace? anchored = null)
    {
        if (depth >= YamlReader.MaxDepth) throw Beyond();
        var indent = Indent();
        if (indent <= parentIndent) throw Beyond();
        var at = _pos + indent;
        if (IsEntry(at)) return Sequence(indent, indentless: false, depth, anchored);
        if (Key(at, out _, out _)) return Mapping(indent, depth, anchored);
        throw Beyond(); // a scalar on a line of its own
    }

    private MapNode Mapping(int indent, int depth, NodePlace? anchored = null)
    {
        var place = anchored ?? Place(_line, indent + 1);
        var level = LevelAt(depth);
        while (true)
        {
            var at = _pos + indent;
            if (!Key(at, out var key, out var valueFrom) || (key == "<<" && _text[at] == '<')) throw Beyond();
            if (!level.Keys.Add(key)) throw Beyond(); // a duplicate key: YamlDotNet says where
            var value = Value(indent, valueFrom, inMapping: true, depth + 1);
            level.Entries.Add(new(key, value.Node));
            level.Own.Add(value.Own);
            SkipBlankLines();
            if (AtEnd) break;
            var next = Indent();
            if (next < indent) break;
            if (next > indent || IsEntry(_pos + next)) throw Beyond();
        }
        Count();
        var map = new MapNode(place, level.Entries.ToArray());
        for (var i = 0; i < map.Entries.Count; i++)
            if (level.Own[i]) map.Entries[i].Value.Adopt(map, i);
        return map;
    }

    /// <summary>A block list at this indentation; an indentless one (a mapping value at the key's own column) ends at a key.</summary>
    private ListNode Sequence(int indent, bool indentless, int depth, NodePlace? anchored = null)
    {
        var place = anchored ?? Place(_line, indent + 1);
        var level = LevelAt(depth);
        while (true)
        {
            var item = Value(indent, _pos + indent + 1, inMapping: false, depth + 1);
            level.Items.Add(item.Node);
            level.Own.Add(item.Own);
            SkipBlankLines();
            if (AtEnd) break;
            var next = Indent();
            if (next == indent && IsEntry(_pos + next)) continue;
            if (next < indent || (indentless && next == indent)) break;
            throw Beyond();
        }
        Count();
        var list = new ListNode(place, level.Items.ToArray());
        for (var i = 0; i < list.Items.Count; i++)
            if (level.Own[i]) list.Items[i].Adopt(list, i);
        return list;
    }

    /// <summary>A value, and whether it was read here (not an alias of a node read before, which keeps its own place).</summary>
    private readonly record struct Built(Node Node, bool Own = true);

    /// <summary>
    /// The value after a key's ':' or an entry's '-' (at <paramref name="from"/>, the character after it),
    /// in a collection at <paramref name="indent"/>. It moves past the lines the value takes.
    /// </summary>
    private Built Value(int indent, int from, bool inMapping, int depth)
    {
        if (depth >= YamlReader.MaxDepth) throw Beyond();
        var at = SkipSpaces(from);
        if (at < _end && _text[at] == '*') return new(Alias(at), Own: false);
        NodePlace? anchored = null;
        string? anchor = null;
        if (at < _end && _text[at] == '&')
        {
            anchored = Place(_line, at - _pos + 1);
            var nameEnd = AnchorName(at + 1);
            anchor = new string(_text, at + 1, nameEnd - at - 1);
            at = SkipSpaces(nameEnd);
        }
        var before = _nodes;
        var node = ValueAt(indent, from, at, inMapping, depth, anchored);
        if (anchor is not null) _anchors[anchor] = (node, _nodes - before);
        return new(node);
    }

    private Node ValueAt(int indent, int from, int at, bool inMapping, int depth, NodePlace? anchored)
    {
        if (at == _end || _text[at] == '#')
        {
            // Nothing on the line: the value is the block below, an indentless list, or null (placed after the indicator, as YamlDotNet places it).
            var empty = Place(_line, from - _pos + 1);
            NextLine();
            SkipBlankLines();
            if (!AtEnd)
            {
                var next = Indent();
                if (next > indent) return BlockNode(indent, depth, anchored);
                if (inMapping && next == indent && IsEntry(_pos + next) && anchored is null) return Sequence(indent, indentless: true, depth);
            }
            if (anchored is not null) throw Beyond();
            Count();
            return YamlReader.ScalarOf(empty, "", quoted: false, literal: false);
        }
        var place = anchored ?? Place(_line, at - _pos + 1);
        switch (_text[at])
        {
            case '|' or '>':
                return BlockScalar(indent, at, place);
            case '\'' or '"':
                if (!inMapping && Key(at, out _, out _)) return anchored is null ? Mapping(at - _pos, depth) : throw Beyond();
                var quoted = Quoted(at, out var after);
                EndOfValue(after);
                Count();
                return YamlReader.ScalarOf(place, quoted, quoted: true, literal: false);
            case '[' or '{':
                return FlowCollection(at, place, depth);
        }
        if (!inMapping && Key(at, out _, out _)) return anchored is null ? Mapping(at - _pos, depth) : throw Beyond();
        var plain = Plain(at);
        NextLine();
        Count();
        return YamlReader.ScalarOf(place, plain, quoted: false, literal: false);
    }

    /// <summary>An alias of a node anchored before, alone on its line: the anchored node itself, counted as often as it is used.</summary>
    private Node Alias(int at)
    {
        var end = AnchorName(at + 1);
        if (!_anchors.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(_text.AsSpan(at + 1, end - at - 1), out var anchored)) throw Beyond();
        EndOfValue(end);
        Count(anchored.Size);
        return anchored.Node;
    }

    /// <summary>Counts nodes made or aliased; past YamlDotNet's bound (an alias bomb?) YamlDotNet reads the file, and says so.</summary>
    private void Count(long nodes = 1)
    {
        _nodes += nodes;
        if (_nodes > YamlReader.MaxExpandedNodes) throw Beyond();
    }

    /// <summary>
    /// The end of an anchor or alias name. Only names that libyaml (Go's YAML, kubectl, Flux) and
    /// YamlDotNet read alike: <c>[0-9A-Za-z_-]</c>, then a space or the line's end.
    /// </summary>
    private int AnchorName(int from)
    {
        var end = from;
        while (end < _end && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] is '_' or '-')) end++;
        if (end == from || (end < _end && _text[end] != ' ')) throw Beyond();
        return end;
    }

    /// <summary>A plain scalar to the end of its line or a comment; a ': ' in it would make it a key, which here is an error.</summary>
    private ReadOnlySpan<char> Plain(int at)
    {
        var first = _text[at];
        if (Indicators.Contains(first) && !(first == '-' && !IsEntry(at))) throw Beyond();
        var end = at;
        for (var i = at; i < _end; i++)
        {
            var c = _text[i];
            if (c == ':' && (i + 1 == _end || _text[i + 1] == ' ')) throw Beyond();
            if (c == '#' && _text[i - 1] == ' ') break;
            if (c != ' ') end = i + 1;
        }
        return _text.AsSpan(at, end - at);
    }

    /// <summary>
    /// Whether a mapping key starts here: a plain or quoted scalar on this line, then ':' before a space or
    /// the line's end. <paramref name="valueFrom"/> is the character after the ':'.
    /// </summary>
    private bool Key(int at, out string key, out int valueFrom)
    {
        key = "";
        valueFrom = 0;
        var first = _text[at];
        int colon;
        if (first is '\'' or '"')
        {
            var quoted = Quoted(at, out var after);
            colon = SkipSpaces(after);
            if (colon == _end || _text[colon] != ':' || !(colon + 1 == _end || _text[colon + 1] == ' ')) return false;
            key = SharedStrings.Get(quoted);
        }
        else
        {
            if (Indicators.Contains(first) && !(first == '-' && !IsEntry(at))) return false;
            colon = -1;
            for (var i = at; i < _end; i++)
            {
                var c = _text[i];
                if (c == ':' && (i + 1 == _end || _text[i + 1] == ' ')) { colon = i; break; }
                if (c == '#' && _text[i - 1] == ' ') return false;
                // YamlDotNet reads "a *b: c" as one plain scalar where libyaml reads a key: too odd to pick a side.
                if (c == '*' && _text[i - 1] == ' ') throw Beyond();
            }
            if (colon < 0) return false;
            key = SharedStrings.Get(_text.AsSpan(at, colon - at).TrimEnd(' '));
        }
        // YAML's implicit keys are at most 1024 characters.
        if (colon - at > 1024) throw Beyond();
        valueFrom = colon + 1;
        return true;
    }

    /// <summary>A single- or double-quoted scalar that closes on its line; <paramref name="after"/> is past its closing quote.</summary>
    private ReadOnlySpan<char> Quoted(int at, out int after)
    {
        var quote = _text[at];
        var start = at + 1;
        // Most quoted scalars have no escape: their text is a slice of the line.
        var close = _text.AsSpan(start, _end - start).IndexOfAny(quote, quote == '"' ? '\\' : quote);
        if (close < 0) throw Beyond();
        close += start;
        if (_text[close] == quote && (quote == '"' || close + 1 >= _end || _text[close + 1] != '\''))
        {
            after = close + 1;
            return _text.AsSpan(start, close - start);
        }
        var value = _builder.Clear();
        for (var i = start; ; i++)
        {
            if (i >= _end) throw Beyond();
            var c = _text[i];
            if (c == quote)
            {
                if (quote == '\'' && i + 1 < _end && _text[i + 1] == '\'') { value.Append('\''); i++; continue; }
                after = i + 1;
                return value.ToString();
            }
            if (c == '\\' && quote == '"')
            {
                if (++i >= _end) throw Beyond();
                value.Append(_text[i] switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    'x' => Hex(ref i, 2),
                    'u' => Hex(ref i, 4),
                    _ => throw Beyond(),
                });
                continue;
            }
            value.Append(c);
        }
    }

    private char Hex(ref int i, int digits)
    {
        if (i + digits >= _end || !int.TryParse(_text.AsSpan(i + 1, digits), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code)
            || char.IsSurrogate((char)code)) throw Beyond();
        i += digits;
        return (char)code;
    }

    /// <summary>A flow collection on one line, its items scalars or flow collections, e.g. <c>{drop: ["ALL"]}</c>; then its line's end.</summary>
    private Node FlowCollection(int at, NodePlace place, int depth)
    {
        var node = Flow(ref at, place, depth);
        EndOfValue(at);
        return node;
    }

    /// <summary>A flow list or mapping from its bracket at <paramref name="i"/>, which it moves past the closing one.</summary>
    private Node Flow(ref int i, NodePlace place, int depth)
    {
        if (depth >= YamlReader.MaxDepth) throw Beyond();
        var list = _text[i] == '[';
        var close = list ? ']' : '}';
        var items = new List<Node>();
        var entries = new List<KeyValuePair<string, Node>>();
        i = SkipSpaces(i + 1);
        if (i < _end && _text[i] == close) i++;
        else
            while (true)
            {
                if (list) items.Add(FlowValue(ref i, depth + 1));
                else
                {
                    var key = FlowScalar(ref i, key: true).Value ?? throw Beyond();
                    if (i + 1 >= _end || _text[i] != ':' || _text[i + 1] != ' ') throw Beyond();
                    i = SkipSpaces(i + 1);
                    if (entries.Exists(e => e.Key == key)) throw Beyond(); // a duplicate key: YamlDotNet says where
                    entries.Add(new(key, FlowValue(ref i, depth + 1)));
                }
                if (FlowNext(ref i, close)) break;
            }
        Count();
        if (list)
        {
            var sequence = new ListNode(place, items.ToArray());
            for (var k = 0; k < sequence.Items.Count; k++) sequence.Items[k].Adopt(sequence, k);
            return sequence;
        }
        var map = new MapNode(place, entries.ToArray());
        for (var k = 0; k < map.Entries.Count; k++) map.Entries[k].Value.Adopt(map, k);
        return map;
    }

    private Node FlowValue(ref int i, int depth) =>
        i < _end && _text[i] is '[' or '{' ? Flow(ref i, Place(_line, i - _pos + 1), depth) : FlowScalar(ref i, key: false);

    /// <summary>
    /// A plain or quoted scalar in a flow collection; a plain one ends at ',' or a closing bracket (and a
    /// key's at ': '). Anything else that flow allows (':' in a plain scalar, comments, lines) is beyond.
    /// </summary>
    private ScalarNode FlowScalar(ref int i, bool key)
    {
        if (i == _end) throw Beyond();
        var place = Place(_line, i - _pos + 1);
        var first = _text[i];
        if (!key) Count();
        if (first is '\'' or '"')
        {
            var quoted = Quoted(i, out i);
            i = SkipSpaces(i);
            return key ? new ScalarNode(place, SharedStrings.Get(quoted), quoted: true) : YamlReader.ScalarOf(place, quoted, quoted: true, literal: false);
        }
        if (Indicators.Contains(first) && !(first == '-' && i + 1 < _end && _text[i + 1] is not (' ' or ',' or ']' or '}'))) throw Beyond();
        var (start, end) = (i, i);
        for (; i < _end; i++)
        {
            var c = _text[i];
            if (c is ',' or ']' or '}' || (key && c == ':' && i + 1 < _end && _text[i + 1] == ' ')) break;
            if (c is '[' or '{' or ':' || (c == '#' && _text[i - 1] == ' ')) throw Beyond();
            if (c != ' ') end = i + 1;
        }
        var text = _text.AsSpan(start, end - start);
        return key ? new ScalarNode(place, SharedStrings.Get(text)) : YamlReader.ScalarOf(place, text, quoted: false, literal: false);
    }

    /// <summary>After an item of a flow collection: true at its closing bracket (then past it), false after a ','.</summary>
    private bool FlowNext(ref int i, char close)
    {
        i = SkipSpaces(i);
        if (i < _end && _text[i] == close) { i++; return true; }
        if (i >= _end || _text[i] != ',') throw Beyond();
        i = SkipSpaces(i + 1);
        if (i < _end && _text[i] == close) throw Beyond(); // a trailing comma
        return false;
    }

    /// <summary>
    /// A literal (<c>|</c>) or folded (<c>&gt;</c>) block scalar, its lines indented as its first one, as
    /// libyaml (and YamlDotNet) read it: breaks kept or folded, the last one clipped, stripped (<c>-</c>) or kept (<c>+</c>).
    /// </summary>
    private ScalarNode BlockScalar(int indent, int at, NodePlace place)
    {
        var literal = _text[at] == '|';
        var i = at + 1;
        var chomp = i < _end ? _text[i] : ' ';
        if (chomp is '-' or '+') i++;
        else chomp = ' ';
        if (i < _end && _text[i] != ' ') throw Beyond(); // an indentation indicator, or no space before a comment
        if (!RestIsBlank(i)) throw Beyond();
        var value = _builder.Clear();
        int contentIndent = -1, breaks = 0;
        bool any = false, broken = false, blank = false; // a content line read; it ended with a break; it started with a space
        while (NextLine())
        {
            var length = _end - _pos;
            var spaces = Indent();
            if (contentIndent < 0)
            {
                if (spaces == length)
                {
                    if (length > 0) throw Beyond(); // a leading line of spaces sets the indentation: too rare to follow
                    breaks++;
                    continue;
                }
                if (spaces <= indent) throw Beyond(); // an empty block scalar
                contentIndent = spaces;
            }
            if (spaces == length && length <= contentIndent)
            {
                if (_end < _length) breaks++;
                continue;
            }
            if (spaces < contentIndent) break;
            var content = _text.AsSpan(_pos + contentIndent, length - contentIndent);
            // libyaml's folding: a break between two lines that start with no space is a space, or is
            // dropped before empty lines; breaks around more-indented lines are kept.
            var startsBlank = content[0] == ' ';
            if (!literal && broken && !blank && !startsBlank)
            {
                if (breaks == 0) value.Append(' ');
            }
            else if (broken) value.Append('\n');
            value.Append('\n', breaks).Append(content);
            (any, breaks, broken, blank) = (true, 0, _end < _length, startsBlank);
        }
        if (!any) throw Beyond();
        if (chomp != '-' && broken) value.Append('\n');
        if (chomp == '+') value.Append('\n', breaks);
        Count();
        return YamlReader.ScalarOf(place, value.ToString(), quoted: true, literal);
    }

    /// <summary>After a value on its line: spaces, then the end or a comment; then the next line.</summary>
    private void EndOfValue(int after)
    {
        if (after < _end && _text[after] != ' ') throw Beyond();
        if (!RestIsBlank(after)) throw Beyond();
        NextLine();
    }

    /// <summary>Whether the line from <paramref name="at"/> holds only spaces, or spaces and a comment.</summary>
    private bool RestIsBlank(int at)
    {
        var i = SkipSpaces(at);
        return i == _end || (_text[i] == '#' && i > at);
    }

    private int SkipSpaces(int at)
    {
        while (at < _end && _text[at] == ' ') at++;
        return at;
    }

    private bool IsEntry(int at) => _text[at] == '-' && (at + 1 == _end || _text[at + 1] == ' ');

    private int Indent() => SkipSpaces(_pos) - _pos;

    private NodePlace Place(int line, int column) => new(_origin, line, column);

    private void SetLine(int start)
    {
        _pos = start;
        var newline = _text.AsSpan(start, _length - start).IndexOf('\n');
        if (newline >= 0) newline += start;
        _end = newline < 0 ? _length : newline;
    }

    /// <summary>Moves to the next line; false at the end of the text.</summary>
    private bool NextLine()
    {
        if (_end >= _length)
        {
            _pos = _end = _length;
            return false;
        }
        _line++;
        SetLine(_end + 1);
        return true;
    }

    private bool AtEof => _pos >= _length;

    /// <summary>At the text's end or a document marker ('---' or '...' at the line's start, alone or before a space).</summary>
    private bool AtEnd => AtEof || (_end - _pos >= 3 && (_text.AsSpan(_pos, 3) is "---" or "...") && (_end - _pos == 3 || _text[_pos + 3] == ' '));

    private void SkipBlankLines()
    {
        while (!AtEof)
        {
            var first = SkipSpaces(_pos);
            if (first < _end && _text[first] != '#') return;
            if (!NextLine()) return;
        }
    }

    private ReadLevel LevelAt(int depth) => ReadLevel.At(_levels, depth);

    private static string UnusualCharacters()
    {
        var chars = new StringBuilder("\t\r\u0085\u2028\u2029\uFEFF\uFFFE\uFFFF");
        for (var c = '\0'; c < ' '; c++) if (c is not ('\n' or '\t' or '\r')) chars.Append(c);
        for (var c = '\u007F'; c <= '\u009F'; c++) if (c != '\u0085') chars.Append(c);
        for (var c = '\uD800'; c <= '\uDFFF'; c++) chars.Append(c);
        return chars.ToString();
    }
}
