using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// kustomize's <c>replacements</c>: a value read from one object's field (a whole field, or one part
/// of it split by a delimiter) copied into fields of the selected targets, inline or from a file
/// (<c>- path: replacements.yaml</c>). The copied value keeps the evidence of where it was read.
/// Field paths are kustomize's: dotted keys, list indexes, <c>[key=value]</c> item selectors, <c>*</c>.
/// </summary>
internal sealed class Replacements(RepoFiles repo, ProblemLog problems)
{
    public List<KubeObject> Apply(MapNode kustomization, string dir, List<KubeObject> objects)
    {
        foreach (var entry in kustomization.List("replacements")?.Items.OfType<MapNode>() ?? [])
        {
            if (entry.Text("path") is { } path)
            {
                if (repo.Resolve(dir, path, entry.Origin) is not { } file || !repo.IsFile(file))
                {
                    problems.Error(entry.Origin, $"replacements file '{path}' does not exist");
                    continue;
                }
                foreach (var document in repo.ReadYaml(file, entry.Origin))
                    foreach (var item in document.Root is ListNode list ? list.Items.OfType<MapNode>() : document.Root is MapNode one ? [one] : [])
                        objects = One(item, objects);
            }
            else objects = One(entry, objects);
        }
        return objects;
    }

    private List<KubeObject> One(MapNode replacement, List<KubeObject> objects)
    {
        if (replacement.Map("source") is not { } source || Source(source, objects) is not { } value) return objects;
        foreach (var target in replacement.List("targets")?.Items.OfType<MapNode>() ?? [])
        {
            var select = target.Map("select") is { } s ? PatchTarget.From(s) : null;
            var reject = (target.List("reject")?.Items.OfType<MapNode>() ?? []).Select(PatchTarget.From).ToList();
            var create = target.Scalar("options.create")?.AsBool() == true;
            var part = Part(target.Map("options"));
            objects = objects.Select(o =>
            {
                if (select is null || !select.Matches(o) || reject.Any(r => r.Matches(o))) return o;
                var root = o.Root;
                foreach (var fieldPath in target.List("fieldPaths")?.Items.OfType<ScalarNode>() ?? [])
                {
                    var path = FieldPath.Parse(fieldPath.Value ?? "");
                    var set = path.Length == 0 ? null : FieldPath.Set(root, path, current => Replace(current, value, part), create);
                    if (set is MapNode changed) root = changed;
                    else problems.Error(fieldPath.Origin, $"replacement target {o.Ref} has no field {fieldPath.Value} (set options.create to add it)");
                }
                return ReferenceEquals(root, o.Root) ? o : o.WithRoot(root);
            }).ToList();
        }
        return objects;
    }

    /// <summary>The value a replacement copies: the source object's field, or one delimited part of it.</summary>
    private Node? Source(MapNode source, List<KubeObject> objects)
    {
        var name = source.Text("name");
        var matches = objects.Where(o => (source.Text("kind") is not { } kind || o.Kind == kind)
            && (source.Text("group") is not { } group || o.Group == group)
            && (source.Text("namespace") is not { } ns || o.Namespace == ns)
            && (name is null || o.Name == name || o.OriginalName == name)).ToList();
        if (matches.Count != 1)
        {
            problems.Error(source.Origin, $"replacement source matches {(matches.Count == 0 ? "no" : matches.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} resource{(matches.Count == 1 ? "" : "s")}, not one");
            return null;
        }
        var fieldPath = source.Text("fieldPath") ?? "metadata.name";
        if (FieldPath.Get(matches[0].Root, FieldPath.Parse(fieldPath)) is not { } value)
        {
            problems.Error(source.Origin, $"replacement source {matches[0].Ref} has no field {fieldPath}");
            return null;
        }
        if (Part(source.Map("options")) is not var (delimiter, index)) return value;
        var parts = value is ScalarNode { IsKnown: true, Value: { } text } ? text.Split(delimiter) : null;
        if (parts is null || index < 0 || index >= parts.Length)
        {
            problems.Error(source.Origin, $"replacement source {fieldPath} has no part {index} split by '{delimiter}'");
            return null;
        }
        return new ScalarNode(value.Place, parts[index]);
    }

    /// <summary>A target field's new value: the source's, or the target's text with one delimited part replaced.</summary>
    private static Node Replace(Node? current, Node value, (string Delimiter, int Index)? part)
    {
        if (part is not var (delimiter, index) || current is not ScalarNode { IsKnown: true, Value: { } text } || value is not ScalarNode source)
            return value;
        var parts = text.Split(delimiter).ToList();
        if (index >= 0 && index < parts.Count) parts[index] = source.Value ?? "";
        else if (index < 0) parts.Insert(0, source.Value ?? "");
        else parts.Add(source.Value ?? "");
        return new ScalarNode(source.Place, string.Join(delimiter, parts), quoted: true, source.Unknown);
    }

    private static (string Delimiter, int Index)? Part(MapNode? options) =>
        options?.Text("delimiter") is { Length: > 0 } delimiter ? (delimiter, (int)(options.Scalar("index")?.AsInt() ?? 0)) : null;
}
