using Homelab.Conformance.Audit;
using Homelab.Conformance.Sources.Live;
using Homelab.Conformance.Spec;
using Homelab.Conformance.Live.Tests.Targets;
using Homelab.Seed;
using k8s;

namespace Homelab.Conformance.Live.Tests;

/// <summary>
/// The cluster the live suite audits, chosen by HOMELAB_LIVE_TARGET: <c>local</c> (default; the
/// real kube-apiserver of tools/local-control-plane as processes), <c>container</c> (the same in a
/// Testcontainers container), <c>k3s</c> (a k3s container), all three seeded with fixtures/live;
/// or <c>kubeconfig</c> and <c>in-cluster</c>, real clusters that are never written to. One per
/// test run: a start failure fails every test with its cause; a target this machine cannot
/// provide skips them with the reason.
/// </summary>
public sealed class LiveCluster : IAsyncLifetime
{
    private readonly ILiveTarget _target;

    public LiveCluster()
    {
        _target = Target switch
        {
            "local" => new ProcessTarget(),
            "container" => new ContainerTarget(),
            "k3s" => new K3sTarget(),
            "kubeconfig" => new ExistingCluster(inCluster: false),
            "in-cluster" => new ExistingCluster(inCluster: true),
            _ => throw new InvalidOperationException($"HOMELAB_LIVE_TARGET={Target}: expected local, container, k3s, kubeconfig or in-cluster"),
        };
    }

    public string Target { get; } = Environment.GetEnvironmentVariable("HOMELAB_LIVE_TARGET") is { Length: > 0 } t ? t : "local";

    /// <summary>Why the live tests cannot run here, when they cannot.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Whether the cluster is a throwaway one this harness seeded (and may change).</summary>
    public bool Seeded => _target.Seeded;

    /// <summary>Whether its Nodes are the seeded talos-1..4 (not on k3s, whose kubelet registers its own).</summary>
    public bool SeedsNodes => _target.SeedsNodes;

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
        try
        {
            Config = await _target.StartAsync(TestContext.Current.CancellationToken);
        }
        catch (TargetUnavailableException unavailable)
        {
            SkipReason = $"{Target} target: {unavailable.Message}";
            return;
        }
        Client = new Kubernetes(Config);
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
        Seeder = new Seeder(Client, LiveRoot, seedNodes: SeedsNodes);
        await Seeder.SeedAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await _target.DisposeAsync();
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
