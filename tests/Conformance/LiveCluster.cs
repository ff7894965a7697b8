using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Sources.Live;
using Homelab.Conformance.Spec;
using Homelab.Seed;
using k8s;
using Testcontainers.K3s;

namespace Homelab.Conformance.Live.Tests;

/// <summary>
/// The cluster the live suite audits, chosen by HOMELAB_LIVE_TARGET: <c>local</c> (default; the
/// real kube-apiserver from tools/local-control-plane, seeded with fixtures/live), <c>k3s</c> (a
/// Testcontainers k3s container, seeded the same way), <c>kubeconfig</c> (HOMELAB_KUBECONFIG or
/// KUBECONFIG, HOMELAB_CONTEXT) or <c>in-cluster</c>, both real clusters that are never written to.
/// </summary>
public sealed class LiveCluster : IAsyncLifetime
{
    private string? _stateDir;
    private K3sContainer? _k3s;

    public string Target { get; } = Environment.GetEnvironmentVariable("HOMELAB_LIVE_TARGET") is { Length: > 0 } t ? t : "local";

    /// <summary>Why the live tests cannot run here, when they cannot.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Whether the cluster is a throwaway one this harness seeded (and may change).</summary>
    public bool Seeded => Target is "local" or "k3s";

    public Kubernetes Client { get; private set; } = null!;

    /// <summary>How the harness itself connects (cluster admin on seeded targets).</summary>
    public KubernetesClientConfiguration Config { get; private set; } = null!;

    public ArchitectureSpec Spec { get; } = SpecLoader.Load(Options.SpecPath!);

    /// <summary>The audit of the cluster as first found (seeded with the conforming objects).</summary>
    public AuditResult Conforming { get; private set; } = null!;

    public static string LiveRoot => Path.Combine(AppContext.BaseDirectory, "fixtures", "live");

    /// <summary>The seeder of a seeded target.</summary>
    public Seeder Seeder { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var config = Target switch
        {
            "local" => await StartLocal(),
            "k3s" => await StartK3s(),
            "kubeconfig" => KubernetesClientConfiguration.BuildConfigFromConfigFile(
                Environment.GetEnvironmentVariable("HOMELAB_KUBECONFIG") ?? Environment.GetEnvironmentVariable("KUBECONFIG"),
                Environment.GetEnvironmentVariable("HOMELAB_CONTEXT")),
            "in-cluster" => KubernetesClientConfiguration.InClusterConfig(),
            _ => throw new InvalidOperationException($"HOMELAB_LIVE_TARGET={Target}: expected local, k3s, kubeconfig or in-cluster"),
        };
        if (config is null) return;
        Config = config;
        Client = new Kubernetes(config);
        if (Seeded) await Seed();
        Conforming = await AuditAsync();
    }

    /// <summary>How the suite audits: the fixture spec, through the same entry point as the CLI.</summary>
    public static RunOptions Options => new() { SpecPath = Path.Combine(AppContext.BaseDirectory, "fixtures", "architecture.yaml") };

    /// <summary>A live audit of the cluster as it is now.</summary>
    public Task<AuditResult> AuditAsync() => AuditAsync(Client);

    /// <summary>A live audit through another connection (a read-only token, a fault proxy).</summary>
    public static Task<AuditResult> AuditAsync(Kubernetes client) => AuditAsync(new KubeApi(client), TestContext.Current.CancellationToken);

    public static async Task<AuditResult> AuditAsync(KubeApi api, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        return (await ConformanceRun.LiveAsync(Options, api, timeout.Token)).Live!;
    }

    /// <summary>The cluster and the fixture repo audited together: the drift between them.</summary>
    public async Task<RunReport> AllAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var options = Options with { RepoPath = Path.Combine(AppContext.BaseDirectory, "fixtures", "homelab") };
        return await ConformanceRun.AllAsync(options, new KubeApi(Client), timeout.Token);
    }

    /// <summary>
    /// A connection authenticated only by the token of the read-only ServiceAccount of
    /// deploy/rbac.yaml (installed on first use), as the in-cluster CronJob is.
    /// </summary>
    public async Task<KubernetesClientConfiguration> ReadOnlyConfigAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        await Seeder.ApplyFileAsync(Path.Combine(RepoRoot(), "deploy", "rbac.yaml"), cancel);
        return new KubernetesClientConfiguration
        {
            Host = Config.Host,
            SslCaCerts = Config.SslCaCerts,
            SkipTlsVerify = Config.SkipTlsVerify,
            TlsServerName = Config.TlsServerName,
            AccessToken = await ServiceAccountToken("homelab-conformance", "homelab-conformance", cancel),
        };
    }

    /// <summary>The token the token controller puts in the ServiceAccount's Secret (Kubernetes before 1.24).</summary>
    private async Task<string> ServiceAccountToken(string ns, string name, CancellationToken cancel)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var account = await Client.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: cancel);
            if (account.Secrets?.FirstOrDefault()?.Name is { } secretName)
            {
                var secret = await Client.CoreV1.ReadNamespacedSecretAsync(secretName, ns, cancellationToken: cancel);
                if (secret.Data?.TryGetValue("token", out var token) == true) return System.Text.Encoding.UTF8.GetString(token);
            }
            await Task.Delay(100, cancel);
        }
        throw new TimeoutException($"no token for ServiceAccount {ns}/{name} within 10 s");
    }

    private async Task Seed()
    {
        Seeder = new Seeder(Client, LiveRoot);
        await Seeder.SeedAsync(TestContext.Current.CancellationToken);
    }

    private async Task<KubernetesClientConfiguration> StartLocal()
    {
        _stateDir = Path.Combine(Path.GetTempPath(), "homelab-live", Guid.NewGuid().ToString("N")[..12]);
        await Script("start.sh", _stateDir);
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(_stateDir, "admin.kubeconfig"));
    }

    private async Task<KubernetesClientConfiguration?> StartK3s()
    {
        try
        {
            _k3s = new K3sBuilder("rancher/k3s:v1.31.4-k3s1").Build();
            await _k3s.StartAsync();
        }
        catch (DockerUnavailableException)
        {
            SkipReason = "no Docker engine: k3s container tests skipped (run with HOMELAB_LIVE_TARGET=local for the local control plane)";
            return null;
        }
        using var kubeconfig = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await _k3s.GetKubeconfigAsync()));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_stateDir is not null) await Script("stop.sh", _stateDir);
        if (_k3s is not null) await _k3s.DisposeAsync();
    }

    private static async Task Script(string name, string stateDir)
    {
        var script = Path.Combine(RepoRoot(), "tools", "local-control-plane", name);
        var start = new ProcessStartInfo(script, [stateDir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed ({process.ExitCode}):\n{await output}");
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Homelab.Tests.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (Homelab.Tests.sln) was not found above the tests");
    }
}

[CollectionDefinition(Name)]
public sealed class LiveCollection : ICollectionFixture<LiveCluster>
{
    public const string Name = "live cluster";
}
