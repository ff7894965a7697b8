using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Homelab.Conformance.Tests.Helm.Remote;

/// <summary>
/// A real OCI registry on 127.0.0.1: Debian's <c>docker-registry</c> (the CNCF distribution
/// registry) with its own storage folder, started for the tests, and charts pushed to it through
/// the OCI distribution API as <c>helm push</c> does (config blob, chart layer, manifest). With
/// <c>tls</c>, it serves HTTPS with a certificate of its own private CA (<see cref="CaPem"/>).
/// </summary>
public sealed class LoopbackRegistry : IDisposable
{
    public const string Binary = "/usr/bin/docker-registry";
    private readonly Process? _process;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "homelab-registry", Guid.NewGuid().ToString("N"));
    private readonly HttpClient _client;

    public LoopbackRegistry(bool tls = false)
    {
        _client = tls ? Pki() : new HttpClient();
        _client.Timeout = TimeSpan.FromSeconds(10);
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
            {(tls ? $"  tls:\n    certificate: {_root}/server.crt\n    key: {_root}/server.key" : "")}
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

    public string Url => $"{(CaPem is null ? "http" : "https")}://127.0.0.1:{Port}";

    /// <summary>The private CA of a TLS registry, as a certSecretRef's ca.crt holds it.</summary>
    public string? CaPem { get; private set; }

    /// <summary>A CA and a server certificate for 127.0.0.1 signed by it; a client that trusts only that CA.</summary>
    private HttpClient Pki()
    {
        Directory.CreateDirectory(_root);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=homelab loopback registry CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        CaPem = ca.ExportCertificatePem();
        File.WriteAllText(Path.Combine(_root, "server.crt"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_root, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
            {
                chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                return chain.Build(certificate!);
            },
        };
        return new HttpClient(handler);
    }

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
