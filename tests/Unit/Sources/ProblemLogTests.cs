using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git;

namespace Homelab.Conformance.Tests.Sources;

public sealed class ProblemLogTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static RepoEvidence At(int line) => new("apps/a.yaml", line, 1, "");

    [Fact]
    public void Problems_keep_their_order_and_each_place_and_cause_is_logged_once()
    {
        var log = new ProblemLog();

        log.Error(At(2), "second");
        log.Warning(At(1), "first");
        log.Error(At(2), "second");
        log.Warning(At(2), "second");
        log.Error(At(2), "another cause");

        log.Problems.Select(p => $"{p.Severity} {p}").Should().Equal(
            "Error apps/a.yaml:2: second",
            "Warning apps/a.yaml:1: first",
            "Error apps/a.yaml:2: another cause");
    }

    [Fact]
    public void Writes_from_many_threads_are_all_kept()
    {
        var log = new ProblemLog();

        Parallel.For(0, 2_000, i => log.Error(At(i + 1), "bad"));

        log.Problems.Should().HaveCount(2_000);
    }

    [Fact]
    public void Appending_another_log_keeps_its_order_and_drops_what_is_already_there()
    {
        var log = new ProblemLog();
        var file = new ProblemLog();
        log.Error(At(1), "known");
        file.Error(At(3), "c");
        file.Error(At(1), "known");
        file.Error(At(2), "b");

        log.Append(file);

        log.Problems.Select(p => p.ToString()).Should().Equal("apps/a.yaml:1: known", "apps/a.yaml:3: c", "apps/a.yaml:2: b");
    }

    [Fact]
    public void Files_preloaded_in_parallel_log_their_problems_when_read_as_read_one_by_one()
    {
        // Enough files for the parallel path, a third of them broken in different ways.
        for (var i = 0; i < 150; i++)
        {
            var text = (i % 3) switch
            {
                0 => $"a: {i}\na: {i}\n",
                1 => $"apiVersion: v1\nkind: Secret\nmetadata: {{name: s{i}}}\nstringData: {{token: plain}}\nsops: {{mac: not-encrypted, encrypted_regex: ^stringData$}}\n",
                _ => $"a: {i}\n",
            };
            _repo.Write($"apps/f{i:000}.yaml", text);
        }
        var (preloaded, parallelLog) = _repo.Open();
        var (sequential, sequentialLog) = _repo.Open();
        var files = preloaded.YamlFilesUnder("").ToList();

        preloaded.Preload(files);
        parallelLog.Problems.Should().BeEmpty("a preloaded file's problems are the repo's once a reader uses the file");
        foreach (var file in files) preloaded.ReadYaml(file);
        foreach (var file in files) sequential.ReadYaml(file);

        parallelLog.Problems.Should().HaveCount(150, "one per file with a duplicate key, two per tampered SOPS file");
        parallelLog.Problems.Select(p => p.ToString()).Should().Equal(sequentialLog.Problems.Select(p => p.ToString()));
        files.Should().OnlyContain(f => preloaded.ReadYaml(f, null).Count == sequential.ReadYaml(f, null).Count);
    }
}
