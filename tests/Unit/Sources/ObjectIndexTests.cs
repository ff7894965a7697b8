using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Flux;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Git.Flux;
using Homelab.Conformance.Tests.Flux;

namespace Homelab.Conformance.Tests.Sources;

public sealed class ObjectIndexTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static string ConfigMap(string name, string? ns) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n" + (ns is null ? "" : $"  namespace: {ns}\n");

    /// <summary>The walker's index of the repo, and a rendered repo holding the same objects in the same order.</summary>
    private (RepoIndex Repo, RenderedRepo Rendered) Indexes()
    {
        _repo.Write("a.yaml", ConfigMap("settings", "other"))
            .Write("b.yaml", ConfigMap("settings", "flux-system"))
            .Write("c.yaml", ConfigMap("plain", null));
        var index = new RepoIndex(_repo.Open().Files);
        var rendered = new RenderedRepo();
        rendered.Objects.AddRange(index.Objects);
        return (index, rendered);
    }

    [Theory]
    [InlineData("ConfigMap", "flux-system", "settings", "b.yaml")]
    [InlineData("ConfigMap", "other", "settings", "a.yaml")]
    [InlineData("ConfigMap", null, "settings", "a.yaml")]
    [InlineData("ConfigMap", "web", "settings", null)]
    [InlineData("ConfigMap", "web", "plain", "c.yaml")]
    [InlineData("ConfigMap", null, "plain", "c.yaml")]
    [InlineData("Secret", "flux-system", "settings", null)]
    public void The_repo_and_the_rendered_repo_resolve_a_namespace_by_one_rule(string kind, string? ns, string name, string? file)
    {
        var (repo, rendered) = Indexes();

        static string? FileOf(KubeObject? o) => o?.Origin.RepoPlace()?.File;
        FileOf(repo.Find(kind, ns, name)).Should().Be(file, "the walker's index of the repo");
        FileOf(rendered.Find(kind, ns, name)).Should().Be(file, "the rendered repo");
    }

    [Theory]
    [InlineData(null, "flux-system", "b.yaml")]
    [InlineData(null, "other", "a.yaml")]
    [InlineData("other", "flux-system", "a.yaml")]
    [InlineData("flux-system", "other", "b.yaml")]
    public void A_reference_without_a_namespace_is_to_its_referrer_s_in_both(string? written, string referrer, string file)
    {
        var (repo, rendered) = Indexes();
        var reference = new FluxObjectRef("ConfigMap", "settings", written, new RepoEvidence("apps.yaml", 9, 5, "spec.postBuild.substituteFrom[0]"));

        var ns = reference.NamespaceFrom(referrer);

        repo.Find("ConfigMap", ns, "settings")!.Origin.RepoPlace()!.File.Should().Be(file);
        rendered.Find("ConfigMap", ns, "settings")!.Origin.RepoPlace()!.File.Should().Be(file);
    }

    [Fact]
    public void Objects_of_a_kind_follow_the_same_rule_in_the_order_added()
    {
        var (repo, rendered) = Indexes();

        repo.OfKind("ConfigMap", "flux-system").Select(o => o.Origin.RepoPlace()!.File).Should().Equal("b.yaml", "c.yaml");
        rendered.OfKind("ConfigMap", "flux-system").Select(o => o.Origin.RepoPlace()!.File).Should().Equal("b.yaml", "c.yaml");
        rendered.OfKind("ConfigMap", null).Should().HaveCount(3);
    }

    [Fact]
    public void The_rendered_repo_finds_objects_added_after_its_last_lookup()
    {
        var (repo, rendered) = Indexes();
        rendered.Find("ConfigMap", null, "late").Should().BeNull();

        rendered.Objects.Add(FluxYaml.Object("late.yaml", ConfigMap("late", "web")));

        rendered.Find("ConfigMap", "web", "late").Should().NotBeNull();
        repo.Find("ConfigMap", "web", "late").Should().BeNull("the repo's index is of the files as read");
    }
}
