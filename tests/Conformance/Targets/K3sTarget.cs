using DotNet.Testcontainers.Images;
using k8s;
using Testcontainers.K3s;

namespace Homelab.Conformance.Live.Tests.Targets;

/// <summary>
/// The <c>k3s</c> target: a k3s container (HOMELAB_K3S_IMAGE, default <see cref="DefaultImage"/>),
/// never pulled unless HOMELAB_K3S_PULL=1. Its nodes are its own kubelet's, not talos-1..4.
/// </summary>
public sealed class K3sTarget : ILiveTarget
{
    public const string DefaultImage = "rancher/k3s:v1.31.4-k3s1";

    private K3sContainer? _k3s;

    public bool Seeded => true;

    public bool SeedsNodes => false;

    public static string Image => Environment.GetEnvironmentVariable("HOMELAB_K3S_IMAGE") is { Length: > 0 } image ? image : DefaultImage;

    public static bool MayPull => Environment.GetEnvironmentVariable("HOMELAB_K3S_PULL") == "1";

    /// <summary>Why k3s cannot run here, naming what to do, or null when it can.</summary>
    public static async Task<string?> UnavailableAsync(DockerEngine engine, string image, bool mayPull, CancellationToken cancel)
    {
        if (await engine.UnavailableAsync(cancel) is { } why) return why;
        if (!mayPull && !await engine.HasImageAsync(image, cancel))
            return $"image {image} is not available locally: `docker pull {image}` it, set HOMELAB_K3S_PULL=1, or set HOMELAB_K3S_IMAGE to a mirror";
        return null;
    }

    public async Task<KubernetesClientConfiguration> StartAsync(CancellationToken cancel)
    {
        var engine = DockerEngine.FromEnvironment();
        if (await UnavailableAsync(engine, Image, MayPull, cancel) is { } why) throw new TargetUnavailableException(why);
        _k3s = new K3sBuilder(Image)
            .WithDockerEndpoint(engine.Endpoint.ToString())
            .WithImagePullPolicy(MayPull ? PullPolicy.Missing : PullPolicy.Never)
            .Build();
        await _k3s.StartAsync(cancel);
        using var kubeconfig = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await _k3s.GetKubeconfigAsync()));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    }

    public async ValueTask DisposeAsync()
    {
        if (_k3s is not null) await _k3s.DisposeAsync();
    }
}
