using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>RFC 6902 JSON patch over node trees; added values keep the patch file's evidence.</summary>
public static class JsonPatch
{
    public sealed class PatchException(string message) : Exception(message);

    public static Node Apply(Node document, ListNode operations)
    {
        foreach (var op in operations.Items)
        {
            if (op is not MapNode map) throw new PatchException("an operation must be a mapping");
            var name = map.Text("op") ?? throw new PatchException("an operation needs 'op'");
            var path = Pointer(map.Text("path") ?? throw new PatchException($"'{name}' needs 'path'"));
            document = name switch
            {
                "add" => Set(document, path, Value(map, name), insert: true),
                "replace" => Set(document, path, Value(map, name), insert: false),
                "remove" => Remove(document, path),
                "copy" => Set(document, path, Get(document, Pointer(From(map, name))), insert: true),
                "move" => Set(Remove(document, Pointer(From(map, name))), path, Get(document, Pointer(From(map, name))), insert: true),
                "test" => Test(document, path, Value(map, name)),
                _ => throw new PatchException($"unknown op '{name}'"),
            };
        }
        return document;
    }

    private static Node Value(MapNode op, string name) => op["value"] ?? throw new PatchException($"'{name}' needs 'value'");

    private static string From(MapNode op, string name) => op.Text("from") ?? throw new PatchException($"'{name}' needs 'from'");

    private static string[] Pointer(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (!pointer.StartsWith('/')) throw new PatchException($"path '{pointer}' must start with '/'");
        return pointer[1..].Split('/').Select(p => p.Replace("~1", "/").Replace("~0", "~")).ToArray();
    }

    private static Node Get(Node node, string[] path)
    {
        foreach (var part in path)
            node = Child(node, part) ?? throw new PatchException($"path '/{string.Join('/', path)}' does not exist");
        return node;
    }

    private static Node? Child(Node node, string part) => node switch
    {
        MapNode m => m[part],
        ListNode l when int.TryParse(part, out var i) && i >= 0 && i < l.Items.Count => l.Items[i],
        _ => null,
    };

    private static Node Test(Node document, string[] path, Node expected)
    {
        var actual = Get(document, path);
        if (actual is ScalarNode a && expected is ScalarNode e && a.Value == e.Value) return document;
        throw new PatchException($"test failed at '/{string.Join('/', path)}'");
    }

    private static Node Set(Node node, string[] path, Node value, bool insert)
    {
        if (path.Length == 0) return value;
        var (head, rest) = (path[0], path[1..]);
        switch (node)
        {
            case MapNode map when rest.Length == 0:
                if (!insert && !map.ContainsKey(head)) throw new PatchException($"cannot replace missing key '{head}'");
                return map.With(head, value);
            case MapNode map:
                return map.With(head, Set(map[head] ?? throw new PatchException($"path segment '{head}' does not exist"), rest, value, insert));
            case ListNode list:
                var items = list.Items.ToList();
                var index = head == "-" ? items.Count : int.TryParse(head, out var i) ? i : throw new PatchException($"'{head}' is not a list index");
                if (index < 0 || index > items.Count || (index == items.Count && (!insert || rest.Length > 0)))
                    throw new PatchException($"index {head} is out of range");
                if (rest.Length > 0) items[index] = Set(items[index], rest, value, insert);
                else if (insert) items.Insert(index, value);
                else items[index] = value;
                return new ListNode(list.Place, items);
            default:
                throw new PatchException($"path segment '{head}' goes into a scalar");
        }
    }

    private static Node Remove(Node node, string[] path)
    {
        if (path.Length == 0) throw new PatchException("cannot remove the whole document");
        var (head, rest) = (path[0], path[1..]);
        switch (node)
        {
            case MapNode map when rest.Length == 0:
                return map.ContainsKey(head) ? map.Without(head) : throw new PatchException($"cannot remove missing key '{head}'");
            case MapNode map:
                return map.With(head, Remove(map[head] ?? throw new PatchException($"path segment '{head}' does not exist"), rest));
            case ListNode list when int.TryParse(head, out var i) && i >= 0 && i < list.Items.Count:
                var items = list.Items.ToList();
                if (rest.Length == 0) items.RemoveAt(i);
                else items[i] = Remove(items[i], rest);
                return new ListNode(list.Place, items);
            default:
                throw new PatchException($"path segment '{head}' does not exist");
        }
    }
}
