using Homelab.Conformance.Documents;
using Homelab.Conformance.Rules;

namespace Homelab.Conformance.Tests.Mutations;

/// <summary>
/// One line of a mutation catalogue (fixtures/mutations): edits laid over a copy of the
/// conforming fixture, the rule that must notice, and what it must say.
/// </summary>
public sealed record Mutation(string Id, string Rule, Outcome Expect, string? Says, string Class, string Why,
    IReadOnlyList<Edit> Edits, IReadOnlyList<string> AlsoAffects, int Line)
{
    public static string Folder => Path.Combine(Violations.FixtureAudit.Fixtures, "mutations");

    /// <summary>Every mutation of a catalogue file, in order; a malformed line is an error naming its line.</summary>
    public static IReadOnlyList<Mutation> Load(string catalogue)
    {
        var file = Path.Combine(Folder, catalogue);
        var (documents, problem) = YamlReader.ReadRepoFile(file, File.ReadAllText(file));
        if (problem is not null) throw new InvalidDataException(problem.ToString());
        var items = documents.FirstOrDefault()?.Root as ListNode ?? throw new InvalidDataException($"{file}: not a list of mutations");
        return items.Items.Select(item => Parse(file, item)).ToList();
    }

    private static Mutation Parse(string file, Node item)
    {
        var line = item.Origin.RepoPlace()?.Line ?? 0;
        string Required(MapNode map, string key) => map.Text(key) ?? throw new InvalidDataException($"{file}:{line}: no '{key}'");
        if (item is not MapNode map) throw new InvalidDataException($"{file}:{line}: a mutation is a mapping");
        var edits = new List<Edit>();
        if (map.Text("file") is not null) edits.Add(Edit.Parse(map, file, line));
        foreach (var more in map.List("edits")?.Items.OfType<MapNode>() ?? []) edits.Add(Edit.Parse(more, file, line));
        if (edits.Count == 0) throw new InvalidDataException($"{file}:{line}: no edit");
        var expect = Required(map, "expect") switch
        {
            "fail" => Outcome.Fail,
            "inconclusive" => Outcome.Inconclusive,
            "pass" => Outcome.Pass,
            var other => throw new InvalidDataException($"{file}:{line}: expect is fail, inconclusive or pass, not '{other}'"),
        };
        return new Mutation(Required(map, "id"), Required(map, "rule"), expect, map.Text("says"),
            map.Text("class") ?? "", Required(map, "why"), edits, FixtureCopy.Strings(map.List("also")), line);
    }

    /// <summary>The conforming fixture with every edit applied, in a temp folder.</summary>
    public TempRepo Apply()
    {
        var repo = Violations.FixtureAudit.CopyOfConforming();
        foreach (var edit in Edits) edit.Apply(repo, this);
        return repo;
    }

    public override string ToString() => Id;
}

/// <summary>
/// One change to one file: <c>replace</c> text (which must occur exactly once, so a catalogue line
/// can never silently change nothing) <c>with</c> other text, <c>append</c> text, or <c>delete</c> the file.
/// </summary>
public sealed record Edit(string File, string? Replace, string? With, string? Append, bool Delete)
{
    public static Edit Parse(MapNode map, string catalogue, int line)
    {
        var edit = new Edit(map.Text("file")!, map.Text("replace"), map.Scalar("with")?.Value, map.Text("append"),
            map.Scalar("delete")?.Value == "true");
        var kinds = (edit.Replace is null ? 0 : 1) + (edit.Append is null ? 0 : 1) + (edit.Delete ? 1 : 0);
        if (kinds != 1 || (edit.Replace is null) != (edit.With is null))
            throw new InvalidDataException($"{catalogue}:{line}: an edit is one of replace+with, append or delete");
        return edit;
    }

    public void Apply(TempRepo repo, Mutation of)
    {
        var path = repo.Full(File);
        if (Delete)
        {
            if (!System.IO.File.Exists(path)) throw new InvalidOperationException($"{of.Id}: {File} does not exist in the fixture");
            System.IO.File.Delete(path);
            return;
        }
        var text = System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : null;
        if (Append is not null)
        {
            repo.Write(File, (text ?? "") + Append);
            return;
        }
        if (text is null) throw new InvalidOperationException($"{of.Id}: {File} does not exist in the fixture");
        var at = text.IndexOf(Replace!, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(Replace!, at + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"{of.Id}: '{Replace}' must occur exactly once in {File}");
        repo.Write(File, string.Concat(text.AsSpan(0, at), With, text.AsSpan(at + Replace!.Length)));
    }
}
