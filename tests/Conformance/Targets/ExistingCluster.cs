using k8s;

namespace Homelab.Conformance.Live.Tests.Targets;

/// <summary>
/// A real cluster, never written to: <c>kubeconfig</c> (HOMELAB_KUBECONFIG or KUBECONFIG,
/// HOMELAB_CONTEXT) or <c>in-cluster</c> (the pod's ServiceAccount).
/// </summary>
public sealed class ExistingCluster(bool inCluster) : ILiveTarget
{
    public bool Seeded => false;

    public bool SeedsNodes => false;

    public Task<KubernetesClientConfiguration> StartAsync(CancellationToken cancel) => Task.FromResult(inCluster
        ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildConfigFromConfigFile(
            Environment.GetEnvironmentVariable("HOMELAB_KUBECONFIG") ?? Environment.GetEnvironmentVariable("KUBECONFIG"),
            Environment.GetEnvironmentVariable("HOMELAB_CONTEXT")));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
