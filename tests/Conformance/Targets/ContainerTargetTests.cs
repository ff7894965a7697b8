namespace Homelab.Conformance.Live.Tests.Targets;

/// <summary>
/// A control-plane container that cannot start fails at once with its cause and its last log
/// lines (the live fixture rethrows that in every test), instead of waiting out the timeout.
/// </summary>
public sealed class ContainerTargetTests
{
    [Fact]
    public async Task A_container_that_exits_before_it_is_ready_fails_the_start_with_its_exit_code_and_log()
    {
        var cancel = TestContext.Current.CancellationToken;
        if (await DockerEngine.FromEnvironment().UnavailableAsync(cancel) is { } why) Assert.Skip(why);
        // The audit image prints its help and exits 0: a container that is never a control plane.
        var image = await LocalImages.AuditAsync(cancel);
        await using var target = new ContainerTarget(image);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var start = async () => await target.StartAsync(cancel);

        var failure = (await start.Should().ThrowAsync<InvalidOperationException>()).Which;
        failure.Message.Should().StartWith($"the control-plane container ({image}) did not become ready on 127.0.0.1:")
            .And.Contain("exited with code 0")
            .And.Contain("homelab-audit [command] [options]", "the container's own output is in the message");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "an exited container is a failure at once, not after the 120 s wait");
    }
}
