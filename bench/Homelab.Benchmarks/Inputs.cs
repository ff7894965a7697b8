using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Git.Helm.Remote;
using Homelab.RepoGen;

namespace Homelab.Benchmarks;

/// <summary>The inputs every benchmark shares: the fixture repo, its spec, and a generated repo of 20 Kustomizations.</summary>
public static class Inputs
{
    private static readonly Lazy<string> Generated = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "homelab-benchmarks-repo");
        RepoGenerator.Write(new GenOptions(dir, Fixture, Kustomizations: 20, Seed: 1));
        return dir;
    });

    public static string Root { get; } = FindRoot();

    public static string Fixture => Path.Combine(Root, "fixtures", "homelab");

    public static string Spec => Path.Combine(Root, "fixtures", "architecture.yaml");

    /// <summary>How a benchmark reads a repo: offline (chart defaults from the embedded data), so it measures the reader, not a network.</summary>
    public static RepoOptions Read(string repo) => new(repo) { ChartFetch = new FetchOptions { Offline = true } };

    /// <summary>A repo of the fixture plus 20 generated Kustomizations (about 200 files, 1,000 objects).</summary>
    public static string GeneratedRepo => Generated.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "fixtures", "architecture.yaml"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "fixtures", "architecture.yaml"))) return dir.FullName;
        throw new DirectoryNotFoundException("run from inside the checkout: fixtures/architecture.yaml not found");
    }
}
