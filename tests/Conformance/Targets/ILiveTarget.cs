using k8s;

namespace Homelab.Conformance.Live.Tests.Targets;

/// <summary>A cluster the live suite can audit, and how to reach it.</summary>
public interface ILiveTarget : IAsyncDisposable
{
    /// <summary>Whether it is a throwaway cluster this harness seeds (and may change).</summary>
    bool Seeded { get; }

    /// <summary>
    /// Whether its Nodes are the seeded talos-1..4; false where a real kubelet registers its own
    /// (k3s), so the rules and scenarios that need the four nodes cannot run there.
    /// </summary>
    bool SeedsNodes { get; }

    /// <summary>Starts it (or connects), throwing <see cref="TargetUnavailableException"/> when it cannot be had here.</summary>
    Task<KubernetesClientConfiguration> StartAsync(CancellationToken cancel);
}

/// <summary>A target this machine cannot provide, with what a user can do about it: the tests skip with that reason.</summary>
public sealed class TargetUnavailableException(string reason) : Exception(reason);
