using System.Net;
using System.Security.Authentication;
using System.Text.Json;
using k8s;

namespace Homelab.Conformance.Sources.Live;

/// <summary>A request the API server answered with an error the reader cannot retry away.</summary>
public sealed class KubeApiException(HttpStatusCode? status, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status, or null when the server was not reached at all or gave no answer in time (the run cannot go on).</summary>
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// Read-only GETs against the Kubernetes API. KubernetesClient supplies the connection: kubeconfig
/// or in-cluster config, TLS, client certificates and tokens (exec plugins too). Requests are
/// bounded: a per-request timeout, and a few retries for 429 (honouring Retry-After), 5xx, a
/// timeout and a body that breaks off or is not JSON.
/// There is no method here that writes.
/// </summary>
public sealed class KubeApi(Kubernetes client, KubeApiOptions? options = null)
{
    private readonly KubeApiOptions _options = options ?? new KubeApiOptions();

    public Uri Server => client.BaseUri;

    /// <summary>Timeouts, retries and paging: what every read through this API is bounded by.</summary>
    public KubeApiOptions Options => _options;

    /// <summary>How many requests were sent, retries included.</summary>
    public int Requests => _requests;

    private int _requests;

    /// <summary>The server's <c>gitVersion</c> (e.g. <c>v1.32.3</c>), or null when it does not say.</summary>
    public async Task<string?> ServerVersionAsync(CancellationToken cancel)
    {
        using var version = await GetAsync("/version", null, cancel).ConfigureAwait(false);
        return version?.RootElement.TryGetProperty("gitVersion", out var v) == true ? v.GetString() : null;
    }

    /// <summary>The JSON body of a GET, or null when the object or resource does not exist (404).</summary>
    public async Task<JsonDocument?> GetAsync(string pathAndQuery, string? accept, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(_options.RequestTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, pathAndQuery));
            request.Headers.TryAddWithoutValidation("Accept", accept ?? "application/json");
            try
            {
                Interlocked.Increment(ref _requests);
                if (client.Credentials is { } credentials) await credentials.ProcessHttpRequestAsync(request, timeout.Token).ConfigureAwait(false);
                // Headers first: a body that breaks off is then a body read error (retried, reported as
                // such), not an HttpRequestException that would read as "cannot reach the API server".
                using var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound) return null;
                if (response.IsSuccessStatusCode)
                {
                    try
                    {
                        var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                        return await JsonDocument.ParseAsync(stream, cancellationToken: timeout.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is JsonException or IOException)
                    {
                        if (attempt < _options.Retries) continue;
                        throw new KubeApiException(response.StatusCode, $"GET {pathAndQuery}: the response body could not be read ({e.Message})", e);
                    }
                }
                if (Retryable(response.StatusCode) && attempt < _options.Retries)
                {
                    await Task.Delay(Delay(response, attempt), cancel).ConfigureAwait(false);
                    continue;
                }
                throw new KubeApiException(response.StatusCode, $"GET {pathAndQuery}: {(int)response.StatusCode} {response.ReasonPhrase}{await Message(response, timeout.Token).ConfigureAwait(false)}");
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                // The headers or the body did not arrive within the request timeout.
                if (attempt < _options.Retries) continue;
                throw new KubeApiException(null, $"GET {pathAndQuery}: no answer within {_options.RequestTimeout.TotalSeconds:0} s");
            }
            catch (HttpRequestException e)
            {
                throw new KubeApiException(null, $"cannot reach the API server {client.BaseUri}: {Reason(e)}", e);
            }
        }
    }

    private static bool Retryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Retry-After when the server gives one (capped), else exponential backoff.</summary>
    private TimeSpan Delay(HttpResponseMessage response, int attempt)
    {
        var asked = response.Headers.RetryAfter?.Delta;
        var delay = asked ?? TimeSpan.FromMilliseconds(_options.Backoff.TotalMilliseconds * Math.Pow(2, attempt));
        return delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay;
    }

    /// <summary>The Kubernetes Status message of an error response, when its body holds one.</summary>
    private static async Task<string> Message(HttpResponseMessage response, CancellationToken cancel)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false));
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("message", out var m) ? $": {m.GetString()}" : "";
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException or InvalidOperationException) { return ""; }
    }

    /// <summary>Why the connection failed, once ("Connection refused (127.0.0.1:6443)"), in the user's terms for TLS.</summary>
    private static string Reason(HttpRequestException e) => e switch
    {
        { HttpRequestError: HttpRequestError.SecureConnectionError, InnerException: AuthenticationException inner } =>
            $"the TLS handshake failed: {inner.Message} (is the server's certificate signed by the configured certificate authority, and for this address?)",
        { InnerException: { } inner } when !e.Message.Contains(inner.Message, StringComparison.Ordinal) => $"{e.Message} ({inner.Message})",
        _ => e.Message,
    };
}

/// <summary>How patient the reader is with the API server.</summary>
public sealed record KubeApiOptions
{
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);
    public int Retries { get; init; } = 3;
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Objects per LIST page.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>How many kinds are listed at once (each LIST stays paginated and sequential within its kind).</summary>
    public int ParallelLists { get; init; } = 4;
}
