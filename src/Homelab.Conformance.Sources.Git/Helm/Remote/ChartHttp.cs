using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Homelab.Conformance.Sources.Git.Helm.Remote;

/// <summary>What one GET gave: the body, or why there is none, in words a user can act on.</summary>
internal sealed record HttpAnswer(byte[]? Body, string? Failure, HttpResponseHeaders? Headers = null, HttpStatusCode? Status = null)
{
    public bool Ok => Body is not null;
}

/// <summary>
/// The GETs chart fetching makes: bounded by a timeout per request and by size, retried a few
/// times on timeouts and 5xx/429 only, with the anonymous bearer-token flow OCI registries use
/// (a 401 names the token realm; credentials from the Docker config when it has some).
/// </summary>
internal sealed class ChartHttp(FetchOptions options) : IDisposable
{
    private const long MaxBody = 64L * 1024 * 1024;
    // Made on the first request: an offline run, or one whose charts are all cached, never pays for it.
    private HttpClient? _client;

    private HttpClient Client => _client ??= NewClient(roots: null);

    // A host whose source names a CA has a client of its own that trusts it beside the system's roots.
    private readonly Dictionary<string, HttpClient> _trusting = new(StringComparer.Ordinal);

    /// <summary>Trusts <paramref name="pem"/>'s certificates for <paramref name="url"/>'s host, beside the system's roots (Flux's <c>certSecretRef</c>).</summary>
    public void Trust(string url, string pem)
    {
        var authority = Authority(url);
        if (_trusting.ContainsKey(authority)) return;
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(pem);
        _trusting[authority] = NewClient(roots);
    }

    private HttpClient NewClient(X509Certificate2Collection? roots)
    {
        var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, ConnectTimeout = options.Timeout };
        if (roots is not null)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None) return true;
                if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;
                using var chain = new X509Chain { ChainPolicy = { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck } };
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                return chain.Build(new X509Certificate2(certificate));
            };
        return new HttpClient(handler)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestHeaders = { { "User-Agent", "homelab-audit (chart defaults; values.yaml only)" } },
        };
    }
    private readonly Dictionary<string, AuthenticationHeaderValue> _tokens = new(StringComparer.Ordinal);

    // A host that did not answer is not asked again in this run: one wait per host, not one per chart.
    private readonly Dictionary<string, string> _down = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    public const string Untrusted = "has a TLS certificate that is not trusted";

    public HttpAnswer Get(string url, params string[] accept)
    {
        var answer = Send(url, accept, _tokens.TryGetValue(Authority(url), out var token) ? token : null);
        if (answer.Status != HttpStatusCode.Unauthorized || answer.Headers?.WwwAuthenticate.FirstOrDefault(h => h.Scheme == "Bearer") is not { } challenge) return answer;
        if (Token(challenge.Parameter ?? "", url) is not { } bearer) return answer with { Failure = "refuses anonymous access (401 Unauthorized), and no token was given" };
        _tokens[Authority(url)] = bearer;
        return Send(url, accept, bearer);
    }

    private HttpAnswer Send(string url, string[] accept, AuthenticationHeaderValue? auth)
    {
        if (_down.TryGetValue(Authority(url), out var down)) return new HttpAnswer(null, down);
        for (var attempt = 0; ; attempt++)
        {
            var answer = Once(url, accept, auth);
            if (answer.Status is null && answer.Failure is { } failure
                && (failure.StartsWith("unreachable", StringComparison.Ordinal) || (failure.StartsWith("timed out", StringComparison.Ordinal) && attempt >= options.Retries)))
                _down[Authority(url)] = failure;
            var transient = answer.Status is null ? answer.Failure?.StartsWith("timed out", StringComparison.Ordinal) == true
                : (int)answer.Status >= 500 || answer.Status == HttpStatusCode.TooManyRequests;
            if (answer.Ok || !transient || attempt >= options.Retries) return answer;
            Thread.Sleep(200 * (attempt + 1));
        }
    }

    private HttpAnswer Once(string url, string[] accept, AuthenticationHeaderValue? auth)
    {
        Requests++;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var type in accept) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        request.Headers.Authorization = auth;
        using var cancel = new CancellationTokenSource(options.Timeout);
        try
        {
            var client = _trusting.TryGetValue(Authority(url), out var trusting) ? trusting : Client;
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            if (!response.IsSuccessStatusCode)
                return new HttpAnswer(null, Refusal(response.StatusCode), response.Headers, response.StatusCode);
            if (response.Content.Headers.ContentLength > MaxBody) return new HttpAnswer(null, $"answers with more than {MaxBody / 1024 / 1024} MB");
            using var body = response.Content.ReadAsStream(cancel.Token);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            for (int read; (read = body.Read(buffer)) > 0;)
            {
                copy.Write(buffer, 0, read);
                if (copy.Length > MaxBody) return new HttpAnswer(null, $"answers with more than {MaxBody / 1024 / 1024} MB");
            }
            return new HttpAnswer(copy.ToArray(), null, response.Headers, response.StatusCode);
        }
        catch (OperationCanceledException)
        {
            return new HttpAnswer(null, $"timed out after {options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e) when (e.InnerException is System.Security.Authentication.AuthenticationException)
        {
            return new HttpAnswer(null, Untrusted);
        }
        catch (HttpRequestException e)
        {
            return new HttpAnswer(null, e.InnerException is SocketException socket ? $"unreachable ({socket.SocketErrorCode})" : $"unreachable ({e.Message})");
        }
        catch (IOException e)
        {
            return new HttpAnswer(null, e.Message.Contains("timed out", StringComparison.OrdinalIgnoreCase) ? $"timed out after {options.Timeout.TotalSeconds:0.#} s" : $"broke off ({e.Message})");
        }
    }

    private static string Refusal(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"refuses access ({(int)status} {status})",
        HttpStatusCode.NotFound => "has no such chart or version (404)",
        _ => $"answers {(int)status} {status}",
    };

    /// <summary>The registry's token for this pull, anonymous unless the Docker config holds credentials for its host.</summary>
    private AuthenticationHeaderValue? Token(string challenge, string url)
    {
        var fields = challenge.Split(',').Select(f => f.Split('=', 2)).Where(f => f.Length == 2)
            .ToDictionary(f => f[0].Trim(), f => f[1].Trim().Trim('"'), StringComparer.OrdinalIgnoreCase);
        if (!fields.TryGetValue("realm", out var realm)) return null;
        var query = string.Join('&', new[] { "service", "scope" }.Where(fields.ContainsKey).Select(k => $"{k}={Uri.EscapeDataString(fields[k])}"));
        var tokenUrl = query.Length == 0 ? realm : $"{realm}{(realm.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{query}";
        var answer = Send(tokenUrl, ["application/json"], Credentials(new Uri(url).Authority) is { } basic ? new AuthenticationHeaderValue("Basic", basic) : null);
        if (!answer.Ok) return null;
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            var token = json.RootElement.TryGetProperty("token", out var t) ? t.GetString() : json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
            return token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The base64 <c>user:password</c> the Docker config keeps for a registry host, when it does.</summary>
    private string? Credentials(string host)
    {
        if (!File.Exists(options.DockerConfig)) return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(options.DockerConfig));
            if (!json.RootElement.TryGetProperty("auths", out var auths)) return null;
            foreach (var entry in auths.EnumerateObject())
                if (entry.Name.Replace("https://", "", StringComparison.Ordinal).TrimEnd('/').Split('/')[0] == host
                    && entry.Value.TryGetProperty("auth", out var auth) && auth.GetString() is { Length: > 0 } basic)
                    return basic;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            // An unreadable Docker config gives no credentials; the pull is tried anonymously.
        }
        return null;
    }

    private static string Authority(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Authority : url;

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);

    public void Dispose()
    {
        _client?.Dispose();
        foreach (var client in _trusting.Values) client.Dispose();
    }
}
