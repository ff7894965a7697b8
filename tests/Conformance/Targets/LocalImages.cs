namespace Homelab.Conformance.Live.Tests.Targets;

/// <summary>
/// The project's own images (tools/images/build.sh): named by their variable when .ci/run built
/// them already, else built here, which is a no-op when the image of these inputs is there.
/// </summary>
public static class LocalImages
{
    public static Task<string> ControlPlaneAsync(CancellationToken cancel) => ResolveAsync("control-plane", "HOMELAB_LCP_IMAGE", cancel);

    public static Task<string> AuditAsync(CancellationToken cancel) => ResolveAsync("audit", "HOMELAB_AUDIT_IMAGE", cancel);

    private static async Task<string> ResolveAsync(string image, string variable, CancellationToken cancel)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } named) return named;
        var output = await Scripts.RunAsync(Path.Combine("images", "build.sh"), [image], cancel);
        return output.Split('\n').Single(l => l.StartsWith(variable + "=", StringComparison.Ordinal))[(variable.Length + 1)..];
    }
}
