using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Homelab.Conformance.Tests.Helm.Remote;

/// <summary>
/// A real OCI registry on 127.0.0.1: Debian's <c>docker-registry</c> (the CNCF distribution
/// registry) with its own storage folder, started for the tests, and charts pushed to it through
/// the OCI distribution API as <c>helm push</c> does (config blob, chart layer, manifest).
/// </summary>
public sealed class LoopbackRegistry : IDisposable
{
    public const string Binary = "/usr/bin/docker-registry";
    private readonly Process? _process;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "homelab-registry", Guid.NewGuid().ToString("N"));
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public LoopbackRegistry()
    {
        if (!File.Exists(Binary))
        {
            SkipReason = $"{Binary} is not installed: `apt-get install docker-registry` (.ci/run installs it)";
            return;
        }
        Port = ChartServer.FreePort();
        Directory.CreateDirectory(_root);
        var config = Path.Combine(_root, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {_root}/data
            http:
              addr: 127.0.0.1:{Port}
            """);
        _process = Process.Start(new ProcessStartInfo(Binary, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true });
        _process!.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if (_client.GetAsync($"{Url}/v2/").GetAwaiter().GetResult().IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Thread.Sleep(100);
        }
        SkipReason = null;
        throw new InvalidOperationException($"docker-registry did not answer on {Url} within 10 s");
    }

    public string? SkipReason { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Pushes a chart as <c>repository:tag</c>; returns the manifest's digest.</summary>
    public string Push(string repository, string tag, byte[] chart)
    {
        var config = Encoding.UTF8.GetBytes("{}");
        var configDigest = Blob(repository, config);
        var layerDigest = Blob(repository, chart);
        var manifest = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},
             "layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"{{layerDigest}}","size":{{chart.Length}}}]}
            """);
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        _client.PutAsync($"{Url}/v2/{repository}/manifests/{tag}", content).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        return Digest(manifest);
    }

    private string Blob(string repository, byte[] bytes)
    {
        var digest = Digest(bytes);
        var start = _client.PostAsync($"{Url}/v2/{repository}/blobs/uploads/", null).GetAwaiter().GetResult();
        start.EnsureSuccessStatusCode();
        var location = start.Headers.Location!;
        var upload = location.IsAbsoluteUri ? location.ToString() : $"{Url}{location}";
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        _client.PutAsync($"{upload}{(upload.Contains('?', StringComparison.Ordinal) ? '&' : '?')}digest={Uri.EscapeDataString(digest)}", content)
            .GetAwaiter().GetResult().EnsureSuccessStatusCode();
        return digest;
    }

    private static string Digest(byte[] bytes) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}";

    public void Dispose()
    {
        try
        {
            if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process?.Dispose();
        _client.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
