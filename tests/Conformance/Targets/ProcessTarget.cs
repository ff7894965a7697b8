using k8s;

namespace Homelab.Conformance.Live.Tests.Targets;

/// <summary>
/// The <c>local</c> target: the real kube-apiserver, controller-manager and etcd of
/// tools/local-control-plane, started as processes of this machine (no Docker needed).
/// </summary>
public sealed class ProcessTarget : ILiveTarget
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "homelab-live", Guid.NewGuid().ToString("N")[..12]);
    private bool _started;

    public bool Seeded => true;

    public bool SeedsNodes => true;

    public async Task<KubernetesClientConfiguration> StartAsync(CancellationToken cancel)
    {
        _started = true;
        await Script("start.sh", cancel);
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(_stateDir, "admin.kubeconfig"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_started) await Script("stop.sh", CancellationToken.None);
    }

    private Task Script(string name, CancellationToken cancel) => Scripts.RunAsync(Path.Combine("local-control-plane", name), [_stateDir], cancel);
}
