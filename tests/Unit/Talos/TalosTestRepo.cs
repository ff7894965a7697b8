using System.Text;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Git.Talos;

namespace Homelab.Conformance.Tests.Talos;

/// <summary>A throwaway repo of Talos files, read with <see cref="TalosReader"/>; deleted when disposed.</summary>
public sealed class TalosTestRepo : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "homelab-talos-tests", Guid.NewGuid().ToString("N"));

    public TalosTestRepo() => Directory.CreateDirectory(_root);

    public IReadOnlyList<InputProblem> Problems { get; private set; } = [];

    /// <summary>Writes a file (UTF-8, LF) at a repo-relative path.</summary>
    public TalosTestRepo Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"), new UTF8Encoding(false));
        return this;
    }

    public ClusterFacts Read()
    {
        var log = new ProblemLog();
        var repo = new RepoFiles(_root, log);
        var facts = new ClusterFacts { Origin = FactOrigin.Repo, Source = "test" };
        TalosReader.Read(repo, log, facts);
        Problems = log.Problems;
        return facts;
    }

    /// <summary>A fact as the tests compare it: its value (or why it is unknown) and where it came from.</summary>
    public static string Show<T>(Fact<T> fact) => $"{fact} @ {fact.Evidence.Location}";

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is not a test failure.
        }
    }
}
