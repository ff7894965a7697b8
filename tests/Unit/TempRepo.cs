using System.Text;
using Homelab.Conformance.Sources.Git;

namespace Homelab.Conformance.Tests;

/// <summary>A throwaway repo folder a test writes files into; deleted when disposed.</summary>
public sealed class TempRepo : IDisposable
{
    public TempRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "homelab-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes a text file (UTF-8, no BOM, LF line ends) at a repo-relative path.</summary>
    public TempRepo Write(string path, string text)
    {
        var full = Full(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"), new UTF8Encoding(false));
        return this;
    }

    public TempRepo WriteBytes(string path, byte[] bytes)
    {
        var full = Full(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return this;
    }

    public TempRepo Folder(string path)
    {
        Directory.CreateDirectory(Full(path));
        return this;
    }

    /// <summary>A symbolic link at <paramref name="path"/> pointing at <paramref name="target"/> (as written, relative or absolute).</summary>
    public TempRepo Link(string path, string target, bool directory = false)
    {
        var full = Full(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (directory) Directory.CreateSymbolicLink(full, target);
        else File.CreateSymbolicLink(full, target);
        return this;
    }

    public string Full(string path) => Path.Combine(Root, path);

    /// <summary>The repo's files and a fresh log that they and their readers write problems to.</summary>
    public (RepoFiles Files, ProblemLog Problems) Open()
    {
        var log = new ProblemLog();
        return (new RepoFiles(Root, log), log);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is not a test failure.
        }
    }
}
