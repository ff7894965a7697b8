using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Tests;

/// <summary>How violation and bad-input cases are built: a copy of a fixture repo, files removed, an overlay written over it.</summary>
public static class FixtureCopy
{
    public static TempRepo Build(string fixture, IEnumerable<string> delete, string? overlay)
    {
        var repo = new TempRepo();
        Copy(fixture, repo.Root);
        foreach (var path in delete) File.Delete(repo.Full(path));
        if (overlay is not null && Directory.Exists(overlay)) Copy(overlay, repo.Root);
        return repo;
    }

    public static void Copy(string from, string to)
    {
        foreach (var source in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
    }

    /// <summary>A case file's list of strings (files to delete, rules also affected).</summary>
    public static IReadOnlyList<string> Strings(ListNode? list) =>
        list?.Items.OfType<ScalarNode>().Select(s => s.Value).OfType<string>().ToList() ?? [];
}
