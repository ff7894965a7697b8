namespace Homelab.Conformance.Live.Tests.Targets;

/// <summary>
/// The k3s target's reasons to skip, each named with what to do, and never a pull: the engine
/// is asked whether it holds the image, and nothing else is sent.
/// </summary>
public sealed class K3sTargetTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_no_engine_it_names_the_endpoint_and_how_to_get_one()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"no-docker-{Guid.NewGuid():N}.sock");
        var engine = DockerEngine.At(new Uri($"unix://{socket}"));

        var reason = await K3sTarget.UnavailableAsync(engine, K3sTarget.DefaultImage, mayPull: false, Cancel);

        reason.Should().StartWith($"no Docker engine at unix://{socket} (")
            .And.EndWith("): start one (on Debian: apt-get install docker.io, then dockerd --storage-driver=vfs) or set DOCKER_HOST");
    }

    [Fact]
    public async Task With_the_image_not_local_it_says_how_to_get_it_and_does_not_pull()
    {
        var engine = await RunningEngine();
        const string image = "rancher/k3s:v0.0.0-not-local";

        var reason = await K3sTarget.UnavailableAsync(engine, image, mayPull: false, Cancel);

        reason.Should().Be("image rancher/k3s:v0.0.0-not-local is not available locally: `docker pull rancher/k3s:v0.0.0-not-local` it, set HOMELAB_K3S_PULL=1, or set HOMELAB_K3S_IMAGE to a mirror");
        (await engine.HasImageAsync(image, Cancel)).Should().BeFalse("asking is not pulling");
    }

    [Fact]
    public async Task A_pull_allowed_by_HOMELAB_K3S_PULL_is_no_reason_to_skip()
    {
        var engine = await RunningEngine();

        var reason = await K3sTarget.UnavailableAsync(engine, "rancher/k3s:v0.0.0-not-local", mayPull: true, Cancel);

        reason.Should().BeNull();
    }

    [Fact]
    public async Task An_image_the_engine_holds_is_no_reason_to_skip()
    {
        var engine = await RunningEngine();
        var image = await LocalImages.ControlPlaneAsync(Cancel);

        var reason = await K3sTarget.UnavailableAsync(engine, image, mayPull: false, Cancel);

        reason.Should().BeNull();
    }

    /// <summary>The engine of this machine; .ci/run starts one, so only a machine without Docker skips.</summary>
    private static async Task<DockerEngine> RunningEngine()
    {
        var engine = DockerEngine.FromEnvironment();
        if (await engine.UnavailableAsync(Cancel) is { } why) Assert.Skip(why);
        return engine;
    }
}
