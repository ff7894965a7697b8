using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using k8s;

namespace Homelab.Conformance.Live.Tests.Targets;

/// <summary>
/// The <c>container</c> target: the same control plane as <see cref="ProcessTarget"/>, from the
/// image of tools/images/build.sh (<see cref="LocalImages"/>),
/// started by Testcontainers on the host network so that it listens on 127.0.0.1 only.
/// </summary>
public sealed class ContainerTarget(string? image = null) : ILiveTarget
{
    private IContainer? _container;

    public bool Seeded => true;

    public bool SeedsNodes => true;

    public async Task<KubernetesClientConfiguration> StartAsync(CancellationToken cancel)
    {
        var engine = DockerEngine.FromEnvironment();
        if (await engine.UnavailableAsync(cancel) is { } why) throw new TargetUnavailableException(why);
        image ??= await LocalImages.ControlPlaneAsync(cancel);
        if (!await engine.HasImageAsync(image, cancel))
            throw new TargetUnavailableException($"image {image} (HOMELAB_LCP_IMAGE) is not in the Docker engine: build it with tools/images/build.sh control-plane");

        var port = FreeLoopbackPort();
        _container = new ContainerBuilder(image)
            .WithDockerEndpoint(engine.Endpoint.ToString())
            .WithImagePullPolicy(PullPolicy.Never)
            .WithCreateParameterModifier(create => create.HostConfig!.NetworkMode = "host")
            .WithEnvironment("HOMELAB_LCP_API_PORT", port.ToString())
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new ApiServerReady(port), wait => wait.WithTimeout(TimeSpan.FromSeconds(120))))
            .Build();
        try
        {
            await _container.StartAsync(cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"the control-plane container ({image}) did not become ready on 127.0.0.1:{port}: {e.Message}\n{await LogTail(40)}", e);
        }
        using var kubeconfig = new MemoryStream(await _container.ReadFileAsync("/state/admin.kubeconfig", cancel));
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }

    internal static int FreeLoopbackPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>The container's last log lines, if it got as far as being created.</summary>
    private async Task<string> LogTail(int lines)
    {
        if (_container is null || _container.State is TestcontainersStates.Undefined) return "(no container was created)";
        var (stdout, stderr) = await _container.GetLogsAsync(ct: CancellationToken.None);
        return string.Join('\n', (stdout + stderr).Split('\n').TakeLast(lines));
    }

    /// <summary>
    /// Ready once start.sh is done (it writes /state/env last, after the controllers answer) and
    /// /readyz says ok over TLS verified with the container's own CA. (A container that exits
    /// fails the wait at once: Testcontainers checks it is still running between attempts.)
    /// </summary>
    private sealed class ApiServerReady(int port) : IWaitUntil
    {
        public async Task<bool> UntilAsync(IContainer container)
        {
            byte[] ca;
            try
            {
                await container.ReadFileAsync("/state/env");
                ca = await container.ReadFileAsync("/state/pki/ca.crt");
            }
            catch (FileNotFoundException)
            {
                return false;
            }
            using var root = X509CertificateLoader.LoadCertificate(ca);
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, chain, _) =>
                {
                    chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    return chain.Build(cert!);
                },
            };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
            try
            {
                return (await http.GetStringAsync($"https://127.0.0.1:{port}/readyz")) == "ok";
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }
    }
}
