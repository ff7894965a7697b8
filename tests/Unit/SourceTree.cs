namespace Homelab.Conformance.Tests;

/// <summary>The project's own checkout, found above the test binaries: for tests of its files (README, deploy/, project files).</summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Homelab.Tests.sln"))) root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("the repository root (Homelab.Tests.sln) was not found above the tests");
    }
}
