using System.Net;
using System.Text.Json;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homelab.Conformance.Live.Tests.Faults;

/// <summary>What the proxy does to a request a <see cref="FaultRule"/> matches.</summary>
public enum FaultKind
{
    /// <summary>Answer with a Kubernetes Status error (401, 403, 429, 5xx, 410) instead of forwarding.</summary>
    Status,

    /// <summary>Never answer: hold the request until the client gives up.</summary>
    Stall,

    /// <summary>Forward, then send only the first half of the body as a complete (chunked) response: truncated JSON.</summary>
    TruncatedJson,

    /// <summary>Forward, send the headers (announcing the whole body's length) and half the body, then reset the connection.</summary>
    DroppedConnection,
}

/// <summary>A fault and its parameters.</summary>
public sealed record Fault(FaultKind Kind)
{
    public HttpStatusCode Status { get; init; }
    public string Message { get; init; } = "";
    public TimeSpan? RetryAfter { get; init; }

    public static Fault Error(HttpStatusCode status, string message, TimeSpan? retryAfter = null) =>
        new(FaultKind.Status) { Status = status, Message = message, RetryAfter = retryAfter };

    public static readonly Fault Stall = new(FaultKind.Stall);
    public static readonly Fault TruncatedJson = new(FaultKind.TruncatedJson);
    public static readonly Fault DroppedConnection = new(FaultKind.DroppedConnection);
}

/// <summary>
/// Where a fault applies and how often. <see cref="Target"/> is a resource name (its LIST, any
/// version: <c>nodes</c>, <c>cephclusters</c>), a path starting with <c>/</c> (exactly that path),
/// or <c>*</c> (every request).
/// </summary>
public sealed class FaultRule(string target, Fault fault, int times)
{
    private int _left = times;

    public string Target { get; } = target;
    public Fault Fault { get; } = fault;

    /// <summary>Only LIST pages after the first (requests carrying a <c>continue</c> token).</summary>
    public bool ContinuedOnly { get; init; }

    /// <summary>How many requests the fault was applied to.</summary>
    public int Hits { get; private set; }

    internal bool TryApply(string path, string query)
    {
        var matches = Target == "*" || (Target.StartsWith('/') ? path == Target : path.EndsWith("/" + Target, StringComparison.Ordinal));
        if (!matches || (ContinuedOnly && !query.Contains("continue=", StringComparison.Ordinal)) || _left <= 0) return false;
        _left--;
        Hits++;
        return true;
    }
}

/// <summary>One request the proxy received, and the fault it applied (null: forwarded as it was).</summary>
public sealed record ProxiedRequest(string Method, string Path, string Query, FaultKind? Fault)
{
    public override string ToString() => $"{Method} {Path}{Query}{(Fault is { } f ? $" [{f}]" : "")}";
}

/// <summary>
/// A fault-injecting HTTPS proxy on 127.0.0.1 in front of a real API server. Clients trust
/// <see cref="ProxyPki.Ca"/> and send no credentials; the proxy forwards each request with the
/// upstream client's own identity (the admin client certificate, or a ServiceAccount token), records
/// its method and path, and applies the first matching <see cref="FaultRule"/> instead.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly Kubernetes _upstream;
    private readonly WebApplication _app;
    private readonly List<FaultRule> _rules = [];
    private readonly List<ProxiedRequest> _requests = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("homelab-fault-proxy-").FullName;
    private bool _stopped;

    private FaultProxy(Kubernetes upstream)
    {
        _upstream = upstream;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = _folder });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => UnknownCa ? ProxyPki.ServingByUnknownCa : ProxyPki.Serving);
        }));
        _app = builder.Build();
        _app.Run(Handle);
    }

    /// <summary>Starts a proxy in front of the API server that <paramref name="upstream"/> talks to, as that client.</summary>
    public static async Task<FaultProxy> StartAsync(Kubernetes upstream)
    {
        var proxy = new FaultProxy(upstream);
        await proxy._app.StartAsync(TestContext.Current.CancellationToken);
        var address = proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy.Url = new Uri(address);
        return proxy;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Serve a certificate signed by a CA the clients do not trust.</summary>
    public bool UnknownCa { get; set; }

    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="times"/> requests <paramref name="target"/> matches.</summary>
    public FaultRule Inject(string target, Fault fault, int times = int.MaxValue, bool continuedOnly = false)
    {
        var rule = new FaultRule(target, fault, times) { ContinuedOnly = continuedOnly };
        lock (_rules) _rules.Add(rule);
        return rule;
    }

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<ProxiedRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    /// <summary>The requests for one resource's LIST (any page, any version).</summary>
    public IReadOnlyList<ProxiedRequest> ListsOf(string resource) =>
        Requests.Where(r => r.Path.EndsWith("/" + resource, StringComparison.Ordinal)).ToList();

    /// <summary>A client configuration for the proxy: its CA, no credentials of its own.</summary>
    public KubernetesClientConfiguration ClientConfig() => new()
    {
        Host = Url.ToString(),
        SslCaCerts = [ProxyPki.Ca],
    };

    /// <summary>A kubeconfig file for the proxy, as a user would have one (the token is a placeholder the proxy ignores).</summary>
    public string WriteKubeconfig()
    {
        var path = Path.Combine(_folder, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fault-proxy
              cluster:
                server: {Url.ToString().TrimEnd('/')}
                certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(ProxyPki.Ca.ExportCertificatePem()))}
            users:
            - name: through-the-proxy
              user:
                token: not-a-real-token
            contexts:
            - name: fault-proxy
              context:
                cluster: fault-proxy
                user: through-the-proxy
            current-context: fault-proxy
            """);
        return path;
    }

    /// <summary>Stops listening: from now on, connections to <see cref="Url"/> are refused.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task Handle(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.Value ?? "";
        FaultRule? rule;
        lock (_rules) rule = _rules.FirstOrDefault(r => r.TryApply(path, query));
        lock (_requests) _requests.Add(new ProxiedRequest(request.Method, path, query, rule?.Fault.Kind));
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            switch (rule?.Fault)
            {
                case { Kind: FaultKind.Status } error:
                    await Error(context.Response, error, aborted.Token);
                    return;
                case { Kind: FaultKind.Stall }:
                    await Task.Delay(Timeout.Infinite, aborted.Token);
                    return;
                default:
                    await Forward(context, rule?.Fault.Kind, aborted.Token);
                    return;
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private static async Task Error(HttpResponse response, Fault fault, CancellationToken cancel)
    {
        response.StatusCode = (int)fault.Status;
        response.ContentType = "application/json";
        if (fault.RetryAfter is { } after) response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var status = new
        {
            kind = "Status",
            apiVersion = "v1",
            metadata = new { },
            status = "Failure",
            message = fault.Message,
            reason = fault.Status switch
            {
                HttpStatusCode.Unauthorized => "Unauthorized",
                HttpStatusCode.Forbidden => "Forbidden",
                HttpStatusCode.Gone => "Expired",
                HttpStatusCode.TooManyRequests => "TooManyRequests",
                HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
                _ => "InternalError",
            },
            code = (int)fault.Status,
        };
        await response.WriteAsync(JsonSerializer.Serialize(status), cancel);
    }

    private async Task Forward(HttpContext context, FaultKind? fault, CancellationToken cancel)
    {
        var request = context.Request;
        using var upstream = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_upstream.BaseUri, request.Path + request.QueryString));
        if (request.Headers.Accept.Count > 0) upstream.Headers.TryAddWithoutValidation("Accept", request.Headers.Accept.ToString());
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            upstream.Content = new StreamContent(request.Body);
            if (request.ContentType is { } type) upstream.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        if (_upstream.Credentials is { } credentials) await credentials.ProcessHttpRequestAsync(upstream, cancel);
        using var answer = await _upstream.HttpClient.SendAsync(upstream, HttpCompletionOption.ResponseHeadersRead, cancel);
        var body = await answer.Content.ReadAsByteArrayAsync(cancel);

        var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        response.ContentType = answer.Content.Headers.ContentType?.ToString();
        switch (fault)
        {
            case FaultKind.TruncatedJson:
                // No Content-Length: the response is chunked and ends cleanly, just with half a JSON document.
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), cancel);
                return;
            case FaultKind.DroppedConnection:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), cancel);
                await response.Body.FlushAsync(cancel);
                // Give the client time to take the headers and the first half before the reset.
                await Task.Delay(200, cancel);
                context.Abort();
                return;
            default:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body, cancel);
                return;
        }
    }
}
