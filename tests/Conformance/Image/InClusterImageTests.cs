using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Homelab.Conformance.Live.Tests.Targets;
using Homelab.Conformance.Reports;
using k8s;
using k8s.Models;

namespace Homelab.Conformance.Live.Tests.Image;

/// <summary>
/// The audit image (deploy/Dockerfile, built by tools/images/build.sh) run as deploy/cronjob.yaml
/// runs it: its args, env, user and read-only root filesystem taken from the manifest, the
/// read-only ServiceAccount's token and CA where the kubelet projects them, the spec and reports
/// folders at the manifest's mount paths, in-cluster mode against the seeded cluster on the
/// host network (loopback only).
/// </summary>
[Collection(LiveCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InClusterImageTests(LiveCluster cluster) : IDisposable
{
    private const string ServiceAccountFolder = "/var/run/secrets/kubernetes.io/serviceaccount";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("homelab-image-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task The_image_runs_in_cluster_as_the_CronJob_does_and_agrees_with_the_audit_run_here()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.Seeded) Assert.Skip($"this test installs deploy/rbac.yaml: it runs only on a seeded throwaway cluster, not on {cluster.Target}");
        var engine = DockerEngine.FromEnvironment();
        if (await engine.UnavailableAsync(Cancel) is { } why) Assert.Skip(why);
        var image = await LocalImages.AuditAsync(Cancel);
        var cronJob = DeployManifests.CronJob();
        var pod = cronJob.Spec.JobTemplate.Spec.Template.Spec;
        var audit = DeployManifests.Audit(cronJob);
        var config = await cluster.ReadOnlyConfigAsync();
        var mounts = audit.VolumeMounts.ToDictionary(m => m.Name, m => m.MountPath);
        // Written by the image's user, as fsGroup makes the CronJob's volume writable.
        var reports = Folder("reports", ReadableByAll | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        var spec = Folder("spec", ReadableByAll);
        File.Copy(LiveCluster.Options.SpecPath!, Path.Combine(spec, pod.Volumes.Single(v => v.Name == "spec").ConfigMap.Items.Single().Path));
        var host = new Uri(config.Host);

        await using var container = new ContainerBuilder(image)
            .WithDockerEndpoint(engine.Endpoint.ToString())
            .WithImagePullPolicy(PullPolicy.Never)
            .WithCreateParameterModifier(create =>
            {
                create.HostConfig!.NetworkMode = "host";
                create.HostConfig.ReadonlyRootfs = audit.SecurityContext.ReadOnlyRootFilesystem == true;
                create.HostConfig.CapDrop = audit.SecurityContext.Capabilities.Drop;
                create.HostConfig.SecurityOpt = ["no-new-privileges"];
                create.User = $"{pod.SecurityContext.RunAsUser}:{pod.SecurityContext.RunAsGroup}";
            })
            .WithBindMount(ServiceAccount(config), ServiceAccountFolder, AccessMode.ReadOnly)
            .WithBindMount(spec, mounts["spec"], AccessMode.ReadOnly)
            .WithBindMount(reports, mounts["reports"], AccessMode.ReadWrite)
            .WithTmpfsMount(mounts["tmp"])
            .WithEnvironment(audit.Env.ToDictionary(e => e.Name, e => e.Value))
            // As every test run: nothing beyond 127.0.0.1, so no chart is fetched from its registry.
            .WithEnvironment("HOMELAB_OFFLINE", "1")
            .WithEnvironment("KUBERNETES_SERVICE_HOST", host.Host)
            .WithEnvironment("KUBERNETES_SERVICE_PORT", host.Port.ToString())
            .WithCommand([.. audit.Args])
            .Build();
        try
        {
            await container.StartAsync(Cancel);
        }
        catch (ContainerNotRunningException)
        {
            // A Job's container runs to completion: it may have exited before the start returned.
        }
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        bound.CancelAfter(TimeSpan.FromMinutes(2));
        var code = await container.GetExitCodeAsync(bound.Token);
        var (stdout, stderr) = await container.GetLogsAsync(ct: Cancel);

        code.Should().Be(0, $"the in-cluster audit of the conforming cluster exits 0:\n{stdout}{stderr}");
        var latest = Path.Combine(reports, "latest");
        Directory.GetFiles(latest).Select(Path.GetFileName).Should().BeEquivalentTo(["junit.xml", "report.html", "report.md", "results.json", "results.sarif"]);
        var results = ResultsJson.Read(await File.ReadAllTextAsync(Path.Combine(latest, "results.json"), Cancel))!;
        results.Rules.Select(r => (r.Id, r.Live!.Outcome)).Should().BeEquivalentTo(
            cluster.Conforming.Results.Select(r => (r.Rule.Id, Summary.Name(r.Outcome))),
            "the image, in-cluster with the read-only token, sees what the harness's own audit saw");
    }

    [Fact]
    public async Task The_CronJob_and_its_RBAC_are_valid_objects_and_the_API_server_accepts_them()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.Seeded) Assert.Skip($"this test installs deploy/rbac.yaml: it runs only on a seeded throwaway cluster, not on {cluster.Target}");
        // Strict reads: an unknown or misplaced field throws (schema of KubernetesClient's Kubernetes version).
        var rbac = DeployManifests.Read("rbac.yaml");
        rbac.Select(o => o.GetType().Name).Should().BeEquivalentTo(["V1Namespace", "V1ServiceAccount", "V1ClusterRole", "V1ClusterRoleBinding"]);
        var cronJob = DeployManifests.CronJob();
        await cluster.Seeder.ApplyFileAsync(Path.Combine(DeployManifests.Folder, "rbac.yaml"), Cancel);
        var ns = cronJob.Metadata.NamespaceProperty;

        // The local API server (1.20) predates batch/v1 CronJob: its Job template and the PVC are
        // validated there by a server-side dry run, as the CronJob controller would create the Job.
        var job = new V1Job { ApiVersion = "batch/v1", Kind = "Job", Metadata = new V1ObjectMeta { Name = "homelab-conformance-dry-run", NamespaceProperty = ns }, Spec = cronJob.Spec.JobTemplate.Spec };
        var created = await cluster.Client.BatchV1.CreateNamespacedJobAsync(job, ns, dryRun: "All", cancellationToken: Cancel);
        await cluster.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(DeployManifests.ReportsClaim(), ns, dryRun: "All", cancellationToken: Cancel);

        created.Spec.Template.Spec.ServiceAccountName.Should().Be(rbac.OfType<V1ServiceAccount>().Single().Metadata.Name, "the CronJob runs as the read-only ServiceAccount of rbac.yaml");
        (await cluster.Client.BatchV1.ListNamespacedJobAsync(ns, cancellationToken: Cancel)).Items.Should().BeEmpty("a dry run writes nothing");
    }

    private static readonly UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private string Folder(string name, UnixFileMode mode)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work.FullName, name)).FullName;
        File.SetUnixFileMode(_work.FullName, ReadableByAll);
        File.SetUnixFileMode(folder, mode);
        return folder;
    }

    /// <summary>The ServiceAccount folder as the kubelet projects it: token, ca.crt, namespace.</summary>
    private string ServiceAccount(KubernetesClientConfiguration config)
    {
        var folder = Folder("serviceaccount", ReadableByAll);
        File.WriteAllText(Path.Combine(folder, "token"), config.AccessToken);
        File.WriteAllText(Path.Combine(folder, "ca.crt"), config.SslCaCerts![0].ExportCertificatePem(), Encoding.ASCII);
        File.WriteAllText(Path.Combine(folder, "namespace"), "homelab-conformance");
        foreach (var file in Directory.GetFiles(folder)) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return folder;
    }
}
