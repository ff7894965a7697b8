using System.Globalization;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Spec;

/// <summary>
/// Strict reading of one mapping of the spec: every key read is ticked off, a key never read
/// is an "unknown key" problem, and a wrong type names the key, its line and what was found.
/// </summary>
internal sealed class SpecSection
{
    private readonly MapNode? _map;
    private readonly string _path;
    private readonly Evidence _at;
    private readonly List<string> _problems;
    private readonly Dictionary<string, RepoEvidence> _places;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public SpecSection(Node? node, string path, Evidence parentAt, List<string> problems, Dictionary<string, RepoEvidence> places)
    {
        _path = path;
        _problems = problems;
        _places = places;
        _at = node?.Origin ?? parentAt;
        _map = node as MapNode;
        if (node is not null and not MapNode) Problem(node.Origin, path, "expected a mapping");
    }

    public bool Exists => _map is not null;

    public SpecSection Section(string key) => new(Take(key, required: true), Path(key), _at, _problems, _places);

    public SpecSection? OptionalSection(string key) => Take(key, required: false) is { } n ? new(n, Path(key), _at, _problems, _places) : null;

    public string String(string key, params string[] allowed)
    {
        if (_map?[key] is null) { Take(key, required: true); return ""; }
        return OptionalString(key, allowed) ?? "";
    }

    public string? OptionalString(string key, params string[] allowed)
    {
        if (Take(key, required: false) is not { } node) return null;
        if (node is not ScalarNode { IsNull: false } s) { Problem(node.Origin, Path(key), "expected a string"); return null; }
        if (allowed.Length > 0 && !allowed.Contains(s.Value, StringComparer.Ordinal))
            Problem(node.Origin, Path(key), $"'{s.Value}' is not one of: {string.Join(", ", allowed)}");
        return s.Value;
    }

    public int Int(string key, int min = 0)
    {
        if (Take(key, required: true) is not { } node) return 0;
        if (node is not ScalarNode { Quoted: false } s || !int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            Problem(node.Origin, Path(key), $"expected a whole number, found '{node}'");
            return 0;
        }
        if (n < min) Problem(node.Origin, Path(key), $"must be at least {min}, found {n}");
        return n;
    }

    /// <summary>An optional share in percent, at least 0 and below 100; <paramref name="fallback"/> when the key is left out.</summary>
    public double Percent(string key, double fallback)
    {
        if (Take(key, required: false) is not { } node) return fallback;
        if (node is not ScalarNode { Quoted: false } s || !double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !double.IsFinite(percent))
        {
            Problem(node.Origin, Path(key), $"expected a number of percent, found '{node}'");
            return fallback;
        }
        if (percent is < 0 or >= 100) Problem(node.Origin, Path(key), $"must be at least 0 and below 100 (percent), found {s.Value}");
        return percent;
    }

    public bool Bool(string key)
    {
        if (Take(key, required: true) is not { } node) return false;
        if (node is ScalarNode { Quoted: false, Value: "true" or "false" } s) return s.Value == "true";
        Problem(node.Origin, Path(key), $"expected true or false, found '{node}'");
        return false;
    }

    public DateOnly Date(string key)
    {
        if (Take(key, required: true) is not { } node) return default;
        if (node is ScalarNode s && DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Problem(node.Origin, Path(key), $"expected a date as YYYY-MM-DD, found '{node}'");
        return default;
    }

    public IReadOnlyList<string> Strings(string key, bool required = true)
    {
        if (Take(key, required) is not { } node) return [];
        if (node is not ListNode list) { Problem(node.Origin, Path(key), "expected a list of strings"); return []; }
        var result = new List<string>();
        foreach (var item in list.Items)
        {
            if (item is ScalarNode { IsNull: false } s) result.Add(s.Value!);
            else Problem(item.Origin, Path(key), "expected a string item");
        }
        foreach (var dup in result.GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1))
            Problem(node.Origin, Path(key), $"'{dup.Key}' is listed twice");
        return result;
    }

    public IReadOnlyList<SpecSection> Sections(string key)
    {
        if (Take(key, required: false) is not { } node) return [];
        if (node is not ListNode list) { Problem(node.Origin, Path(key), "expected a list"); return []; }
        return list.Items.Select((item, i) => new SpecSection(item, $"{Path(key)}[{i}]", _at, _problems, _places)).ToList();
    }

    public Evidence Origin => _at;

    /// <summary>A problem with a value this section read: named by key and line.</summary>
    public void Problem(string key, string cause) => Problem(_map?[key]?.Origin ?? _at, Path(key), cause);

    /// <summary>Reports every key of this mapping that no reader asked for.</summary>
    public void RejectUnknownKeys()
    {
        if (_map is null) return;
        foreach (var (key, value) in _map.Entries)
            if (!_read.Contains(key)) Problem(value.Origin, Path(key), "unknown key (misspelt, or not part of the spec format)");
    }

    private Node? Take(string key, bool required)
    {
        _read.Add(key);
        var node = _map?[key];
        if (node is null && required && _map is not null) Problem(_at, Path(key), "required key is missing");
        if (node?.Origin is RepoEvidence at) _places[Path(key)] = at;
        return node;
    }

    private string Path(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    private void Problem(Evidence at, string path, string cause)
    {
        var line = at is RepoEvidence r ? r.Line.ToString(CultureInfo.InvariantCulture) : "?";
        _problems.Add($"line {line}: {path}: {cause}");
    }
}
