using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Flux;
using Homelab.Conformance.Sources.Git.Flux;

namespace Homelab.Conformance.Tests.Flux;

/// <summary>An ExternalArtifact's path mapped to the repo folder its ArtifactGenerator copies there, as source-watcher composes it.</summary>
public sealed class ArtifactPathsTests
{
    private static readonly Evidence At = new RepoEvidence("clusters/home/generator.yaml", 9, 9, "spec.artifacts[0]");

    private static FluxArtifactGenerator.Artifact Artifact(params FluxArtifactGenerator.Copy[] copies) => new("platform", copies, At);

    private static FluxArtifactGenerator.Copy Copy(string from, string to, params string[] exclude) => new(from, to, At) { Exclude = exclude };

    private static (string? Folder, string? Why) Resolve(FluxArtifactGenerator.Artifact artifact, string path) =>
        ArtifactPaths.Resolve(artifact, alias => alias == "repo", path);

    [Theory]
    [InlineData("@repo/infrastructure/**", "@artifact/", "./controllers/cilium", "infrastructure/controllers/cilium")]
    [InlineData("@repo/infrastructure/**", "@artifact/", "./", "infrastructure")]
    [InlineData("@repo/apps/**", "@artifact/web/", "./web/frontend", "apps/frontend")]
    [InlineData("@repo/apps/**", "@artifact/web/", "./", "apps")]
    [InlineData("@repo/apps/media", "@artifact/media", "media", "apps/media")]
    public void A_path_below_a_copy_is_the_same_path_below_its_source_folder(string from, string to, string path, string folder)
    {
        Resolve(Artifact(Copy(from, to)), path).Should().Be((folder, (string?)null));
    }

    [Fact]
    public void A_path_several_copies_fill_is_no_single_folder()
    {
        var artifact = Artifact(Copy("@repo/apps/base/**", "@artifact/app/"), Copy("@repo/apps/prod/**", "@artifact/app/"));

        Resolve(artifact, "./app").Should().Be(((string?)null, "ExternalArtifact platform composes 2 copies at 'app', more than one folder of this repository"));
    }

    [Fact]
    public void Only_the_copy_that_fills_the_path_counts()
    {
        var artifact = Artifact(Copy("@repo/apps/base/**", "@artifact/base/"), Copy("@repo/apps/prod/**", "@artifact/prod/"));

        Resolve(artifact, "./prod").Folder.Should().Be("apps/prod");
    }

    [Fact]
    public void A_copy_that_excludes_files_is_not_the_folder_as_it_stands()
    {
        Resolve(Artifact(Copy("@repo/apps/**", "@artifact/", "**/test/**")), "./").Should().Be(((string?)null,
            "the copy into ExternalArtifact platform excludes **/test/**, so its files are not a folder of this repository as it stands"));
    }

    [Fact]
    public void A_copy_of_another_source_is_not_this_repo()
    {
        Resolve(Artifact(Copy("@upstream/deploy/**", "@artifact/")), "./").Should().Be(((string?)null,
            "no copy of ExternalArtifact platform from this repository fills its path ''"));
    }
}
