using System.Diagnostics;
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

    private async Task Script(string name, CancellationToken cancel)
    {
        var script = Path.Combine(LiveCluster.RepoRoot(), "tools", "local-control-plane", name);
        var start = new ProcessStartInfo(script, [_stateDir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync(cancel);
        await process.StandardOutput.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed ({process.ExitCode}):\n{await output}");
    }
}
