using Homelab.Conformance.Facts;
using Homelab.Conformance.Sources.Git.Docs;

namespace Homelab.Conformance.Tests.Docs;

/// <summary>The docs reader on architecture pages: each claim with its file and line, what it cannot read reported, nothing guessed.</summary>
public sealed class DocsReaderTests
{
    private static string Show(DocsFacts docs) => string.Join(Environment.NewLine, docs.Claims.Select(c => $"{c.Key} = {c.Value} @ {c.At.File}:{c.At.Line}"));

    /// <summary>
    /// The owner's own architecture page, from the project's shared folder beside the checkout, or
    /// beside the checkout a clean clone was made from (CI clones it elsewhere), or $HOMELAB_SEED_PAGE.
    /// </summary>
    private static string Seed => new[] { Environment.GetEnvironmentVariable("HOMELAB_SEED_PAGE"), Beside(SourceTree.Root), Beside(OriginOf(SourceTree.Root)) }
        .OfType<string>().FirstOrDefault(File.Exists) ?? Beside(SourceTree.Root)!;

    private static string? Beside(string? checkout) => checkout is null ? null : Path.GetFullPath(Path.Combine(checkout, "..", "shared", "seed-architecture.md"));

    /// <summary>The folder a clone was made from, when its origin is a local path.</summary>
    private static string? OriginOf(string checkout)
    {
        try
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", checkout, "config", "--get", "remote.origin.url"]) { RedirectStandardOutput = true, RedirectStandardError = true });
            var url = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return url.StartsWith('/') && Directory.Exists(url) ? url : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [Fact]
    public void The_seed_page_s_claims_are_all_recognised()
    {
        if (!File.Exists(Seed)) Assert.Skip($"{Seed} is not here: the seed page is read only where the project's shared folder is beside it");
        var docs = new DocsFacts();
        DocsReader.Read("architecture.md", File.ReadAllText(Seed), docs);
        var claims = docs.Claims.GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.First().Value);

        claims.Should().Contain(new Dictionary<string, string>
        {
            ["resources.cpus"] = "32",
            ["resources.memoryGB"] = "128",
            ["resources.diskGB"] = "4000",
            ["nodes.count"] = "4",
            ["nodes.board"] = "turing-rk1",
            ["nodes.os"] = "talos",
            ["controlPlane.ha"] = "true",
            ["controlPlane.count"] = "3",
            ["controlPlane.nodes"] = "talos-1, talos-2, talos-3",
            ["controlPlane.schedulable"] = "true",
            ["network.cni"] = "cilium",
            ["network.kubeProxy"] = "disabled",
            ["network.l2LoadBalancing"] = "true",
            ["network.networkPolicies.clusterWide"] = "true",
            ["network.networkPolicies.nodeLevel"] = "true",
            ["storage.engine"] = "rook-ceph",
            ["storage.kinds"] = "block, file, object",
            ["nodes.perNode.diskGB"] = "1000",
            ["gitops.engine"] = "flux",
            ["gitops.oci"] = "OCIRepository",
            ["observability.collector"] = "alloy",
            ["observability.destination"] = "grafana-cloud",
        }, Show(docs));
        docs.Claims.Should().OnlyContain(c => claims[c.Key] == c.Value, "no key is claimed twice with different values: " + Show(docs));
        docs.Claims.Single(c => c.Key == "controlPlane.nodes").At.Line.Should().Be(File.ReadAllLines(Seed).ToList().FindIndex(l => l.Contains("Control plane nodes", StringComparison.Ordinal)) + 1);
    }

    [Fact]
    public void Only_architecture_and_hardware_pages_are_read_by_default_so_other_tables_claim_nothing()
    {
        using var repo = new TempRepo()
            .Write("docs/cluster/architecture.md", "| Resource | Value |\n| --- | --- |\n| CPUs | 32 Cores |\n")
            .Write("docs/hardware/index.md", "| Part | Specification |\n| --- | --- |\n| RAM | 32 GB |\n")
            .Write("docs/notes/rollout.md", "| Metric | Before |\n| --- | --- |\n| CPU | 30 % |\n");

        var pages = DocsReader.ArchitecturePages(repo.Root);
        var claims = DocsReader.Read(repo.Root, pages).Claims.Select(c => $"{c.Key} = {c.Value} @ {c.At.Location}");

        pages.Should().Equal("docs/cluster/architecture.md", "docs/hardware/index.md");
        claims.Should().Equal("resources.cpus = 32 @ docs/cluster/architecture.md:3", "hardware.memoryGB = 32 @ docs/hardware/index.md:3");
    }

    [Fact]
    public void A_page_that_is_not_a_file_is_never_opened()
    {
        using var repo = new TempRepo().Write("docs/architecture.md", "The CNI of choice is Cilium.\n");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", repo.Full("docs/hardware.md"))) mkfifo.WaitForExit();

        DocsReader.ArchitecturePages(repo.Root).Should().Equal("docs/architecture.md");
    }
}
