using System.Text;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git;

namespace Homelab.Conformance.Tests.Documents;

public sealed class RepoFilesTests : IDisposable
{
    private readonly TempRepo _repo = new();
    private static readonly RepoEvidence At = new("apps/kustomization.yaml", 3, 5, "resources[0]");

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Paths_resolve_relative_to_a_folder_and_to_the_root()
    {
        _repo.Write("apps/web/deploy.yaml", "a: 1\n");
        var (repo, log) = _repo.Open();

        repo.Resolve("apps", "web/deploy.yaml", At).Should().Be("apps/web/deploy.yaml");
        repo.Resolve("apps/web", "../web/./deploy.yaml", At).Should().Be("apps/web/deploy.yaml");
        repo.Resolve("apps/web", "/apps", At).Should().Be("apps", "a leading slash means the repo root");
        repo.Resolve("apps", "..", At).Should().Be("");
        repo.Resolve("apps", "missing.yaml", At).Should().Be("apps/missing.yaml", "existence is the caller's question");
        log.Problems.Should().BeEmpty();
        repo.Relative(repo.Absolute("apps/web")).Should().Be("apps/web");
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("../../etc/passwd")]
    [InlineData("../..")]
    public void A_path_leaving_the_root_is_refused_where_it_was_written(string path)
    {
        _repo.Folder("apps");
        var (repo, log) = _repo.Open();

        repo.Resolve("apps", path, At).Should().BeNull();
        var problem = log.Problems.Should().ContainSingle().Subject;
        problem.Where.Should().Be(At);
        problem.Severity.Should().Be(Severity.Error);
        problem.ToString().Should().Be($"apps/kustomization.yaml:3 (resources[0]): '{path}' points outside the repository; it is not read");
    }

    [Fact]
    public void A_sibling_folder_sharing_the_root_s_name_prefix_is_outside()
    {
        var sibling = _repo.Root + "-evil";
        Directory.CreateDirectory(sibling);
        try
        {
            var (repo, log) = _repo.Open();
            repo.Resolve("", $"../{Path.GetFileName(sibling)}", At).Should().BeNull();
            log.Problems.Should().ContainSingle();
        }
        finally
        {
            Directory.Delete(sibling);
        }
    }

    [Fact]
    public void A_symlink_out_of_the_repo_is_refused()
    {
        _repo.Link("apps/etc", "/etc", directory: true).Link("apps/passwd", "/etc/passwd");
        var (repo, log) = _repo.Open();

        repo.Resolve("apps", "etc/hostname", At).Should().BeNull();
        repo.Resolve("apps", "passwd", At).Should().BeNull();
        log.Problems.Select(p => p.Cause).Should().Equal(
            "'etc/hostname' points outside the repository; it is not read",
            "'passwd' points outside the repository; it is not read");
    }

    [Fact]
    public void A_symlink_within_the_repo_is_followed_and_keeps_its_own_path()
    {
        _repo.Write("base/cm.yaml", "a: 1\n").Link("apps/base", "../base", directory: true);
        var (repo, log) = _repo.Open();

        repo.Resolve("apps", "base/cm.yaml", At).Should().Be("apps/base/cm.yaml");
        repo.ReadYaml("apps/base/cm.yaml").Single().Root!.Text("a").Should().Be("1");
        log.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_symlink_loop_is_a_problem_not_a_hang()
    {
        _repo.Folder("apps").Link("apps/a", "b").Link("apps/b", "a");
        var (repo, log) = _repo.Open();

        repo.Resolve("apps", "a", At).Should().BeNull();
        var problem = log.Problems.Should().ContainSingle().Subject;
        problem.Where.Should().Be(At);
        problem.Cause.Should().StartWith("cannot follow 'apps/a': ");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_not_read()
    {
        _repo.Folder("apps");
        using (var stream = File.Create(_repo.Full("apps/huge.yaml"))) stream.SetLength(RepoFiles.MaxFileBytes + 1);
        var (repo, log) = _repo.Open();

        repo.ReadText("apps/huge.yaml", At).Should().BeNull();
        repo.ReadYaml("apps/huge.yaml").Should().BeEmpty();
        log.Problems.Should().ContainSingle().Which.ToString().Should().Be("apps/huge.yaml:1: file is 8 MiB, over the 8 MiB limit; it is not read");
    }

    [Fact]
    public void A_binary_file_is_not_read_and_the_NUL_s_line_is_named()
    {
        _repo.WriteBytes("apps/blob.yaml", [.. "a: 1\nb: 2\n"u8, 0, .. "c"u8]);
        var (repo, log) = _repo.Open();

        repo.ReadYaml("apps/blob.yaml").Should().BeEmpty();
        log.Problems.Should().ContainSingle().Which.ToString().Should().Be("apps/blob.yaml:3: file is binary (holds a NUL byte); it is not read");
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_not_read_and_the_bad_byte_s_line_is_named()
    {
        _repo.WriteBytes("apps/latin1.yaml", [.. "a: 1\nb: caf"u8, 0xE9, .. "\n"u8]);
        var (repo, log) = _repo.Open();

        repo.ReadText("apps/latin1.yaml").Should().BeNull();
        log.Problems.Should().ContainSingle().Which.ToString().Should().Be("apps/latin1.yaml:2: file is not valid UTF-8; it is not read");
    }

    [Fact]
    public void An_empty_file_has_no_documents_and_no_problem()
    {
        _repo.Write("apps/empty.yaml", "").Write("apps/comment.yaml", "# nothing yet\n");
        var (repo, log) = _repo.Open();

        repo.ReadYaml("apps/empty.yaml").Should().BeEmpty();
        repo.ReadYaml("apps/comment.yaml").Should().BeEmpty();
        log.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Files_preloaded_in_parallel_read_as_files_read_one_by_one()
    {
        // Preload parses block-style YAML from a pooled buffer and the rest as a string: both must match ReadYaml.
        _repo.WriteBytes("apps/bom.yaml", [0xEF, 0xBB, 0xBF, .. "a: 1\n"u8])
            .WriteBytes("apps/blob.yaml", [.. "a: 1\n"u8, 0])
            .WriteBytes("apps/latin1.yaml", [.. "a: caf"u8, 0xE9, .. "\n"u8])
            .Write("apps/empty.yaml", "")
            .Write("apps/block.yaml", "a: &x 1\nb: *x\nc: |\n  text\n")
            .Write("apps/merge.yaml", "base: &base {k: v}\nmerged:\n  <<: *base\n")
            .Write("apps/bad.yaml", "a: b: c\n");
        string[] files = ["apps/bom.yaml", "apps/blob.yaml", "apps/latin1.yaml", "apps/empty.yaml", "apps/block.yaml", "apps/merge.yaml", "apps/bad.yaml"];
        var (preloaded, preloadLog) = _repo.Open();
        var (oneByOne, oneByOneLog) = _repo.Open();

        preloaded.Preload(files);
        foreach (var file in files)
        {
            var read = preloaded.ReadYaml(file);
            var expected = oneByOne.ReadYaml(file);
            read.Select(d => (d.Line, d.Root?.Origin, d.Root?.ToString())).Should().Equal(expected.Select(d => (d.Line, d.Root?.Origin, d.Root?.ToString())), file);
            preloaded.ReadText(file).Should().Be(oneByOne.ReadText(file), file);
        }
        preloadLog.Problems.Select(p => p.ToString()).Should().Equal(oneByOneLog.Problems.Select(p => p.ToString()));
        preloadLog.Problems.Should().HaveCount(3, "the binary, the Latin-1 and the bad YAML file, each once");
        preloaded.ReadYaml("apps/merge.yaml").Single().Root!.At("merged.k")!.Origin.Should().Be(new RepoEvidence("apps/merge.yaml", 1, 17, "base.k"));
    }

    [Fact]
    public void A_byte_order_mark_is_dropped()
    {
        _repo.WriteBytes("apps/bom.yaml", [0xEF, 0xBB, 0xBF, .. "a: 1\n"u8]);
        var repo = _repo.Open().Files;

        repo.ReadText("apps/bom.yaml").Should().Be("a: 1\n");
        repo.ReadYaml("apps/bom.yaml").Single().Root!.At("a")!.Origin.Should().Be(new RepoEvidence("apps/bom.yaml", 1, 4, "a"));
    }

    [Fact]
    public void A_missing_file_is_reported_where_it_was_referenced()
    {
        var (repo, log) = _repo.Open();

        repo.ReadText("apps/nope.yaml", At).Should().BeNull();
        log.Problems.Should().ContainSingle().Which.ToString().Should().Be("apps/kustomization.yaml:3 (resources[0]): file 'apps/nope.yaml' does not exist");
    }

    [Fact]
    public void A_bad_file_is_read_and_reported_once()
    {
        _repo.Write("apps/bad.yaml", "a: 1\na: 2\n");
        var (repo, log) = _repo.Open();

        repo.ReadYaml("apps/bad.yaml");
        repo.ReadYaml("apps/bad.yaml");
        log.Error(new RepoEvidence("apps/bad.yaml", 2, 1, ""), "invalid YAML: duplicate key 'a'");
        log.Problems.Should().ContainSingle().Which.ToString().Should().Be("apps/bad.yaml:2: invalid YAML: duplicate key 'a'");
    }

    [Fact]
    public void An_unrendered_template_is_no_problem_until_it_is_read_as_YAML()
    {
        _repo.Write("charts/app/templates/cm.yaml", "metadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n").Write("apps/cm.yaml", "a: '{{ not a template }}'\n");
        var (repo, log) = _repo.Open();
        repo.Preload(["charts/app/templates/cm.yaml", "apps/cm.yaml"]);

        repo.IsUnrenderedTemplate("charts/app/templates/cm.yaml").Should().BeTrue();
        repo.IsUnrenderedTemplate("apps/cm.yaml").Should().BeFalse("it is YAML as it stands");
        log.Problems.Should().BeEmpty();

        repo.ReadYaml("charts/app/templates/cm.yaml");
        log.Problems.Should().ContainSingle().Which.Cause.Should().StartWith("invalid YAML: ");
    }

    [Fact]
    public void YAML_files_are_listed_sorted_without_git_or_other_files()
    {
        _repo.Write("b/two.yml", "").Write("a/one.yaml", "").Write("a/sub/three.yaml", "").Write("a/readme.md", "")
            .Write(".git/config.yaml", "").Write("a/.git/x.yaml", "");
        var repo = _repo.Open().Files;

        repo.YamlFilesUnder("").Should().Equal("a/one.yaml", "a/sub/three.yaml", "b/two.yml");
        repo.YamlFilesUnder("a", recursive: false).Should().Equal("a/one.yaml");
        repo.YamlFilesUnder("missing").Should().BeEmpty();
    }

    [Fact]
    public void A_missing_root_is_an_error() =>
        FluentActions.Invoking(() => new RepoFiles(Path.Combine(_repo.Root, "nope"), new ProblemLog())).Should().Throw<DirectoryNotFoundException>();

    [Fact]
    public void Text_is_decoded_as_UTF8()
    {
        _repo.WriteBytes("apps/utf8.yaml", Encoding.UTF8.GetBytes("name: café\n"));
        _repo.Open().Files.ReadYaml("apps/utf8.yaml").Single().Root!.Text("name").Should().Be("café");
    }
}
