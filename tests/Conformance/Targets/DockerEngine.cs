using System.Net.Sockets;
using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace Homelab.Conformance.Live.Tests.Targets;

/// <summary>
/// The Docker engine the container targets use (DOCKER_HOST, else the default socket), asked
/// directly so that a missing engine or image is a skip with its cause, never a pull.
/// </summary>
public sealed class DockerEngine
{
    private DockerEngine(Uri endpoint) => Endpoint = endpoint;

    public Uri Endpoint { get; }

    public static DockerEngine FromEnvironment() =>
        At(new Uri(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock"));

    public static DockerEngine At(Uri endpoint) => new(endpoint);

    /// <summary>The API version both sides speak: Docker.DotNet's default (1.44) unless the engine is older.</summary>
    public Version ApiVersion { get; private set; } = ClientDefault;

    private static readonly Version ClientDefault = new(1, 44);

    /// <summary>
    /// Why no container can be started here, or null when the engine answers. Pings the engine
    /// unversioned, as the docker CLI does, and settles the API version: an engine older than the
    /// client's default (Debian bookworm's 20.10 speaks 1.41) refuses newer requests outright.
    /// </summary>
    public async Task<string?> UnavailableAsync(CancellationToken cancel)
    {
        try
        {
            using var http = new HttpClient(Handler()) { Timeout = TimeSpan.FromSeconds(5) };
            using var ping = await http.GetAsync(new Uri(BaseAddress, "_ping"), cancel);
            ping.EnsureSuccessStatusCode();
            var pinned = Environment.GetEnvironmentVariable("DOCKER_API_VERSION");
            if (pinned is { Length: > 0 }) ApiVersion = new Version(pinned);
            else if (ping.Headers.TryGetValues("Api-Version", out var values) && new Version(values.First()) is var engine && engine < ClientDefault)
            {
                ApiVersion = engine;
                // Testcontainers reads the same variable for its own client.
                Environment.SetEnvironmentVariable("DOCKER_API_VERSION", engine.ToString());
            }
            // Only now may Testcontainers read its settings. Ryuk, its reaper, is an image from
            // Docker Hub: starting it would be a pull; the targets remove their containers on dispose.
            TestcontainersSettings.ResourceReaperEnabled = false;
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            return $"no Docker engine at {Endpoint} ({e.GetBaseException().Message}): start one (on Debian: apt-get install docker.io, then dockerd --storage-driver=vfs) or set DOCKER_HOST";
        }
    }

    /// <summary>Whether the engine holds <paramref name="image"/> already (so starting it needs no pull).</summary>
    public async Task<bool> HasImageAsync(string image, CancellationToken cancel)
    {
        using var client = Client();
        try
        {
            await client.Images.InspectImageAsync(image, cancel);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    private DockerClient Client() => new DockerClientBuilder().WithEndpoint(Endpoint).WithApiVersion(ApiVersion).Build();

    /// <summary>unix:// is a socket file; tcp:// is plain HTTP (a TLS engine needs DOCKER_HOST's own client setup).</summary>
    private Uri BaseAddress => Endpoint.Scheme == "unix" ? new Uri("http://docker/") : new UriBuilder("http", Endpoint.Host, Endpoint.Port, "/").Uri;

    private SocketsHttpHandler Handler() => Endpoint.Scheme != "unix" ? new SocketsHttpHandler() : new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancel) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(Endpoint.AbsolutePath), cancel);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
