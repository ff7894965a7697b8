using System.Text;
using Homelab.Conformance.Live.Tests.Harness;
using Homelab.Seed;
using k8s;

namespace Homelab.Conformance.Live.Tests;

/// <summary>
/// Secrets seeded in the repo (a plaintext Secret, a token in chart values, a password in the Alloy
/// config) and in the cluster (a Secret, a token in a DaemonSet's env), plus the kubeconfig's own
/// token: a static and a live audit run, and no console line and no report file contains any of them.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class NoSecretLeakTests(LiveCluster cluster)
{
    private static readonly string[] RepoCanaries =
    [
        "static-canary-secret-3c1f", "static-canary-data-9d2e",
        "glc_FAKE-CANARY-not-a-real-token-0000000000", "glc_FAKE-CANARY-not-a-real-password-000000",
    ];

    private static readonly string[] ClusterCanaries = ["live-canary-user-8f3a", "live-canary-token-5d9e", "glc_plaintext_canary_71b2"];

    [Fact]
    public async Task No_secret_appears_in_any_output_of_a_static_and_live_audit()
    {
        if (cluster.SkipReason is { } reason) Assert.Skip(reason);
        if (!cluster.Seeded) Assert.Skip($"this test seeds secrets: it runs only on a seeded throwaway cluster, not on {cluster.Target}");
        var work = Directory.CreateTempSubdirectory("homelab-leak-");
        var scenario = LiveScenario.All(LiveCluster.LiveRoot).Single(s => s.Name.StartsWith("HL-OBS-002", StringComparison.Ordinal));
        try
        {
            var repo = LeakyRepo(Path.Combine(work.FullName, "repo"));
            var config = await cluster.ReadOnlyConfigAsync();
            var kubeconfig = WriteKubeconfig(Path.Combine(work.FullName, "kubeconfig"), config);
            await cluster.Seeder.ApplyAsync(scenario, TestContext.Current.CancellationToken);
            var spec = Path.Combine(AppContext.BaseDirectory, "fixtures", "architecture.yaml");
            var reports = Path.Combine(work.FullName, "reports");

            var runs = new[]
            {
                await AuditCli.RunAsync(TimeSpan.FromSeconds(60), "static", "--repo", repo, "--spec", spec, "--reports", reports),
                await AuditCli.RunAsync(TimeSpan.FromSeconds(60), "live", "--kubeconfig", kubeconfig, "--spec", spec, "--repo", repo, "--reports", reports),
            };

            runs.Should().AllSatisfy(r => r.ExitCode.Should().Be(1, "the seeded plaintext credentials are violations"));
            runs[0].Stdout.Should().Contain("is plaintext", "the static audit reports the plaintext credentials, without their values");
            runs[1].Stdout.Should().Contain("GRAFANA_CLOUD_TOKEN is plaintext");
            var canaries = RepoCanaries.Concat(ClusterCanaries).Append(config.AccessToken!)
                .SelectMany(c => new[] { c, Convert.ToBase64String(Encoding.UTF8.GetBytes(c)) }).ToList();
            var outputs = runs.SelectMany(r => new[] { ("stdout", r.Stdout), ("stderr", r.Stderr) })
                .Concat(Directory.EnumerateFiles(reports, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllText(f))));
            foreach (var (where, text) in outputs)
                foreach (var canary in canaries)
                    text.Contains(canary, StringComparison.Ordinal).Should().BeFalse($"{where} must not contain a secret value");
        }
        finally
        {
            await cluster.Seeder.RestoreAsync(scenario, TestContext.Current.CancellationToken);
            work.Delete(recursive: true);
        }
    }

    /// <summary>The fixture repo with a plaintext Secret committed and the two plaintext-credential violations applied.</summary>
    private static string LeakyRepo(string root)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        Copy(Path.Combine(fixtures, "homelab"), root);
        Copy(Path.Combine(fixtures, "violations", "HL-OBS-002-plaintext-token-env", "overlay"), root);
        Copy(Path.Combine(fixtures, "violations", "HL-OBS-002-password-in-config", "overlay"), root);
        File.WriteAllText(Path.Combine(root, "apps", "observability", "leaked-secret.yaml"), $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: leaked
              namespace: observability
            stringData:
              token: {RepoCanaries[0]}
            data:
              other: {Convert.ToBase64String(Encoding.UTF8.GetBytes(RepoCanaries[1]))}
            """);
        return root;
    }

    /// <summary>A kubeconfig holding the read-only ServiceAccount's token, as a user would give it.</summary>
    private static string WriteKubeconfig(string path, KubernetesClientConfiguration config)
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(config.SslCaCerts![0].ExportCertificatePem()));
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: seeded
              cluster:
                server: {config.Host}
                certificate-authority-data: {ca}
            users:
            - name: reader
              user:
                token: {config.AccessToken}
            contexts:
            - name: seeded
              context:
                cluster: seeded
                user: reader
            current-context: seeded
            """);
        return path;
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
