using BenchmarkDotNet.Attributes;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Git.Helm;
using Homelab.Conformance.Sources.Git.Kustomize;
using Homelab.Conformance.Spec;

namespace Homelab.Benchmarks;

/// <summary>YAML into provenance-keeping trees: a large HelmRelease (Rook-Ceph values) and a multi-document workload file.</summary>
[MemoryDiagnoser]
public class YamlLoad
{
    private string _helmRelease = "";
    private string _workloads = "";

    [GlobalSetup]
    public void Setup()
    {
        _helmRelease = File.ReadAllText(Path.Combine(Inputs.Fixture, "infrastructure/controllers/rook-ceph/cluster.yaml"));
        _workloads = File.ReadAllText(Path.Combine(Inputs.GeneratedRepo, "apps/generated/app-0000/base/workloads.yaml"));
    }

    [Benchmark]
    public int HelmRelease() => YamlReader.ReadRepoFile("cluster.yaml", _helmRelease).Documents.Count;

    [Benchmark]
    public int Workloads() => YamlReader.ReadRepoFile("workloads.yaml", _workloads).Documents.Count;
}

/// <summary>kustomize build of one generated overlay (base, strategic and JSON6902 patches, two generators), files read fresh.</summary>
[MemoryDiagnoser]
public class KustomizeBuild
{
    private string _repo = "";

    [GlobalSetup]
    public void Setup() => _repo = Inputs.GeneratedRepo;

    [Benchmark]
    public int Overlay()
    {
        var problems = new ProblemLog();
        var repo = new RepoFiles(_repo, problems);
        return new KustomizeBuilder(repo, problems).Build("apps/generated/app-0000/overlay", new RepoEvidence("", 1, 1, "")).Count;
    }
}

/// <summary>Helm values: the rook-ceph-cluster chart defaults under the fixture's HelmRelease values.</summary>
[MemoryDiagnoser]
public class HelmValuesMerge
{
    private MapNode _defaults = null!;
    private MapNode _values = null!;

    [GlobalSetup]
    public void Setup()
    {
        _defaults = new ChartDefaults().Find("rook-ceph-cluster", "^1.16.0")?.Values ?? throw new InvalidOperationException("no rook-ceph-cluster defaults");
        var text = File.ReadAllText(Path.Combine(Inputs.Fixture, "infrastructure/controllers/rook-ceph/cluster.yaml"));
        _values = YamlReader.ReadRepoFile("cluster.yaml", text).Documents[0].Root!.Map("spec.values")!;
    }

    [Benchmark]
    public int Merge() => ValuesMerge.Merge(_defaults, _values).Entries.Count;
}

/// <summary>Rule evaluation over facts already read (the fixture, and the generated repo), and the whole read of each.</summary>
[MemoryDiagnoser]
public class RuleEvaluation
{
    private ArchitectureSpec _spec = null!;
    private ClusterFacts _fixture = null!;
    private ClusterFacts _generated = null!;
    private readonly DateOnly _today = new(2026, 1, 1);

    [GlobalSetup]
    public void Setup()
    {
        _spec = SpecLoader.Load(Inputs.Spec);
        _fixture = RepoReader.Read(Inputs.Read(Inputs.Fixture));
        _generated = RepoReader.Read(Inputs.Read(Inputs.GeneratedRepo));
    }

    [Benchmark]
    public int RulesOnFixture() => Auditor.Run(_spec, _fixture, _today).Results.Count;

    [Benchmark]
    public int RulesOnGenerated() => Auditor.Run(_spec, _generated, _today).Results.Count;

    [Benchmark]
    public int ReadFixture() => RepoReader.Read(Inputs.Read(Inputs.Fixture)).ObjectCount;

    [Benchmark]
    public int ReadGenerated() => RepoReader.Read(Inputs.Read(Inputs.GeneratedRepo)).ObjectCount;
}
