using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Flux;

/// <summary>
/// The Flux entry as real repos bootstrap it (fixtures/entries): the flux-instance chart, several
/// clusters in one repo, and a tree that is not in the repo, whose absence proves nothing.
/// </summary>
public sealed class FluxEntriesTests
{
    private static string Case(string name) => Path.Combine(FixtureAudit.Fixtures, "entries", name);

    private static RunReport Audit(string name, string? cluster = null) =>
        ConformanceRun.Static(new RunOptions { RepoPath = Case(name), Cluster = cluster, Today = FixtureAudit.Today });

    [Fact]
    public void The_flux_instance_chart_s_sync_is_the_entry_and_its_source_exists()
    {
        var read = RepoReader.ReadCluster(new RepoOptions(Case("operator-chart")));

        read.Entry!.Path.Should().Be("kubernetes/flux/cluster");
        read.Entry.At.Should().Be(new RepoEvidence("kubernetes/apps/flux-system/flux-instance/helmrelease.yaml", 19, 15, "spec.values.instance.sync.path"));
        read.Facts.Problems.Should().BeEmpty();
        read.Facts.Flux.Inventory.Should().Contain([new ObjectRef("GitRepository", "flux-system", "flux-system"), new ObjectRef("ConfigMap", "media", "player-settings")]);
        Audit("operator-chart").Static!["HL-GIT-002"].Outcome.Should().Be(Outcome.Pass, "apps.yaml deploys from the source the operator makes");
    }

    [Fact]
    public void Several_clusters_and_none_chosen_is_a_run_that_cannot_be_made_listing_them()
    {
        var error = FluentActions.Invoking(() => Audit("two-clusters")).Should().Throw<ClusterChoiceException>().Which;

        error.Entries.Select(e => e.Path).Should().Equal("clusters/home", "clusters/lab");
        error.Message.Should().Contain("holds 2 clusters; choose one with --cluster NAME: clusters/home (flux bootstrap, clusters/home/flux-system/gotk-sync.yaml:");
    }

    [Theory]
    [InlineData("lab")]
    [InlineData("clusters/lab")]
    [InlineData("./clusters/lab/")]
    public void A_chosen_cluster_is_read_alone_with_the_spec_of_its_entry_folder(string cluster)
    {
        var run = Audit("two-clusters", cluster);

        run.Metadata.Cluster.Should().Be("clusters/lab");
        run.Metadata.SpecPath.Should().Be(Path.Combine(Case("two-clusters"), "clusters/lab", "architecture.yaml"));
        run.Static!.Facts!.Flux.Inventory.Should().Contain(new ObjectRef("ConfigMap", "default", "lab-settings"))
            .And.NotContain(new ObjectRef("ConfigMap", "default", "home-settings"));
        run.Static.Source.Should().EndWith("(cluster clusters/lab)");
    }

    [Fact]
    public void A_chosen_cluster_reads_its_own_Talos_machines_not_another_clusters_nor_an_archive()
    {
        var run = Audit("two-clusters", "lab");

        run.Static!.Facts!.Nodes.Select(n => n.Name).Should().Equal("lab-cp1", "lab-w1");
        run.Static.Problems.Select(p => p.ToString()).Should().Equal(
            "talos/archive/2023/talconfig.yaml:1: talos/archive/ is an archive folder: its Talos configs describe no running machine and are not read");
        Audit("two-clusters", "home").Static!.Facts!.Nodes.Select(n => n.Name).Should().Equal("home-cp1");
    }

    [Fact]
    public void A_Kustomization_that_applies_its_own_folder_is_the_entry_of_a_repo_bootstrapped_by_hand()
    {
        var read = RepoReader.ReadCluster(new RepoOptions(Case("kubectl-bootstrap")));

        read.Entry!.Path.Should().Be("kubernetes/flux");
        read.Entry.How.Should().Be("self-applying Kustomization");
        read.Facts.Problems.Should().BeEmpty("Flux's own OCI distribution holds nothing to read");
        var audit = Audit("kubectl-bootstrap").Static!;
        audit["HL-GIT-002"].Outcome.Should().Be(Outcome.Pass, string.Join("; ", audit["HL-GIT-002"].Findings));
        audit["HL-STO-004"].Findings.Should().Contain(f => f.Outcome == Outcome.Fail
            && f.Message == "default StorageClass longhorn provisioner is driver.longhorn.io", "Longhorn's chart makes its class default when persistence.defaultClass is unset");
    }

    [Fact]
    public void Of_flux_instances_nothing_applies_the_one_of_the_self_applying_folder_brings_its_source()
    {
        using var repo = new TempRepo();
        FixtureCopy.Copy(Case("kubectl-bootstrap"), repo.Root);
        // Applied by hand, as the Flux Operator is bootstrapped: one for this folder, one left from an older layout.
        foreach (var (file, path) in new[] { ("kubernetes/bootstrap/instance.yaml", "kubernetes/flux"), ("kubernetes/bootstrap/old-instance.yaml", "clusters/old") })
            repo.Write(file, $"apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata:\n  name: flux\n  namespace: {(path == "kubernetes/flux" ? "flux-system" : "flux-old")}\nspec:\n  sync:\n    kind: GitRepository\n    url: https://github.com/example/home-ops\n    path: {path}\n");
        repo.Write("kubernetes/flux/apps.yaml", File.ReadAllText(repo.Full("kubernetes/flux/apps.yaml")).Replace("name: home-ops", "name: flux-system", StringComparison.Ordinal));

        var read = RepoReader.ReadCluster(new RepoOptions(repo.Root));

        read.Entry!.How.Should().Be("self-applying Kustomization");
        read.Entry.Bootstrap.Select(o => o.Ref.ToString()).Should().Contain("GitRepository flux-system/flux-system");
        ConformanceRun.Static(new RunOptions { RepoPath = repo.Root, Today = FixtureAudit.Today }).Static!["HL-GIT-002"].Outcome.Should().Be(Outcome.Pass);
    }

    [Fact]
    public void A_cluster_without_its_own_spec_falls_back_to_the_built_in_one()
    {
        var run = Audit("two-clusters", "home");

        run.Metadata.SpecBuiltIn.Should().BeTrue();
        run.Metadata.Cluster.Should().Be("clusters/home");
    }

    [Fact]
    public void A_name_no_cluster_has_lists_those_there_are()
    {
        FluentActions.Invoking(() => Audit("two-clusters", "staging")).Should().Throw<ClusterChoiceException>()
            .WithMessage("no cluster of * is named 'staging'; choose one with --cluster NAME: clusters/home *; clusters/lab *");
    }

    [Fact]
    public void What_an_unread_tree_may_hold_is_inconclusive_naming_it_never_absent()
    {
        var audit = Audit("unread-source").Static!;

        foreach (var id in new[] { "HL-NET-002", "HL-NET-003", "HL-STO-003", "HL-STO-004", "HL-OBS-001" })
        {
            audit[id].Outcome.Should().Be(Outcome.Inconclusive, string.Join("; ", audit[id].Findings));
            audit[id].Findings.Should().Contain(f => f.Message.Contains("Kustomization flux-system/platform deploys from a source that is not this repository", StringComparison.Ordinal));
        }
        audit.Problems.Should().ContainSingle(p => p.Severity == Severity.Warning).Which.Cause
            .Should().Be("Kustomization flux-system/platform deploys from OCIRepository platform, which is not this repository; its content is not read");
    }

    [Fact]
    public void Without_any_entry_nothing_Flux_applies_is_judged_absent()
    {
        using var repo = new TempRepo().Write("apps/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");

        var audit = ConformanceRun.Static(new RunOptions { RepoPath = repo.Root, Today = FixtureAudit.Today }).Static!;

        audit.Results.Where(r => r.Rule.Reads.Contains("HelmRelease") || r.Rule.Reads.Contains("CephCluster"))
            .Should().OnlyContain(r => r.Outcome == Outcome.Inconclusive);
        audit["HL-NET-002"].Findings.Should().Contain(f => f.Message.Contains("no Flux entry was found, so nothing Flux applies was read", StringComparison.Ordinal));
    }

    [Fact]
    public void A_suspended_Kustomization_and_an_object_two_Kustomizations_apply_are_warnings_naming_them()
    {
        using var repo = new TempRepo()
            .WithFluxEntry()
            .Write("clusters/home/apps.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: media, namespace: flux-system}
                spec:
                  path: ./apps/media
                  suspend: true
                  sourceRef: {kind: GitRepository, name: flux-system}
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: media-again, namespace: flux-system}
                spec:
                  path: ./apps/media-again
                  sourceRef: {kind: GitRepository, name: flux-system}
                """)
            .Write("apps/media/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: player, namespace: media}\n")
            .Write("apps/media-again/configmap.yaml", "# Another declaration of the same object.\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: player, namespace: media}\ndata: {theme: light}\n");

        var problems = RepoReader.Read(new RepoOptions(repo.Root)).Problems.Select(p => p.ToString()).ToList();

        problems.Should().Equal(
            "clusters/home/apps.yaml:6 (spec.suspend): Kustomization flux-system/media is suspended: Flux applies no change to it, so the cluster may differ from what it declares",
            "apps/media-again/configmap.yaml:2: ConfigMap media/player is applied by Kustomization flux-system/media and Kustomization flux-system/media-again: one object, which they both apply; the cluster holds whichever applied last");
    }

    [Fact]
    public void One_object_two_Kustomizations_apply_alike_is_the_same_either_way_and_no_warning()
    {
        using var repo = new TempRepo()
            .WithFluxEntry()
            .Write("clusters/home/apps.yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: web, namespace: flux-system}
                spec:
                  path: ./apps/shared
                  sourceRef: {kind: GitRepository, name: flux-system}
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: api, namespace: flux-system}
                spec:
                  path: ./apps/copy
                  sourceRef: {kind: GitRepository, name: flux-system}
                """)
            .Write("apps/shared/repository.yaml", "apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata: {name: app-template, namespace: flux-system}\nspec: {url: oci://registry.example.org/app-template}\n")
            .Write("apps/copy/repository.yaml", "# A copy in another app's folder, written differently.\napiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  namespace: flux-system\n  name: app-template\nspec:\n  url: oci://registry.example.org/app-template\n");

        RepoReader.Read(new RepoOptions(repo.Root)).Problems.Should().BeEmpty();
    }
}
