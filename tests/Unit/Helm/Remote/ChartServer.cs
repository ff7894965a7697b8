using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Homelab.Conformance.Tests.Helm.Remote;

/// <summary>
/// A static HTTP server on 127.0.0.1 (a real listener on a free port) serving what a test puts at
/// each path, as a Helm chart repository serves index.yaml and .tgz files; it counts requests,
/// and can answer with a status or after a delay, to be a repository that refuses or is slow.
/// </summary>
public sealed class ChartServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Dictionary<string, (byte[] Body, HttpStatusCode Status, TimeSpan Delay)> _paths = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private int _requests;

    /// <summary>When set, every path but <c>/token</c> wants this bearer token, and answers 401 naming the token realm without it (as ghcr.io does).</summary>
    public string? RequiredToken { get; set; }

    public ChartServer()
    {
        (_listener, Port) = Listen();
        _ = Task.Run(Serve);
    }

    /// <summary>
    /// A listener on a free port. The port is free when asked and taken a moment later, so a test
    /// running beside it can take it first: then another is tried.
    /// </summary>
    private static (HttpListener Listener, int Port) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public int Requests => Volatile.Read(ref _requests);

    public ChartServer Put(string path, byte[] body, HttpStatusCode status = HttpStatusCode.OK, TimeSpan delay = default)
    {
        lock (_paths) _paths[path] = (body, status, delay);
        return this;
    }

    public ChartServer Put(string path, string text, HttpStatusCode status = HttpStatusCode.OK, TimeSpan delay = default) =>
        Put(path, Encoding.UTF8.GetBytes(text), status, delay);

    /// <summary>A repository index listing each (version, archive path) of one chart.</summary>
    public static string Index(string chart, params (string Version, string Url)[] versions) =>
        $"apiVersion: v1\nentries:\n  {chart}:\n" + string.Concat(versions.Select(v => $"    - name: {chart}\n      version: {v.Version}\n      urls: [{v.Url}]\n"));

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                Interlocked.Increment(ref _requests);
                (byte[] Body, HttpStatusCode Status, TimeSpan Delay) answer;
                lock (_paths) answer = _paths.TryGetValue(context.Request.Url!.AbsolutePath, out var a) ? a : ([], HttpStatusCode.NotFound, TimeSpan.Zero);
                if (RequiredToken is { } token && context.Request.Url!.AbsolutePath != "/token" && context.Request.Headers["Authorization"] != $"Bearer {token}")
                {
                    answer = ([], HttpStatusCode.Unauthorized, TimeSpan.Zero);
                    context.Response.AddHeader("WWW-Authenticate", $"Bearer realm=\"{Url}/token\",service=\"127.0.0.1\",scope=\"repository:charts/cilium:pull\"");
                }
                try
                {
                    if (answer.Delay > TimeSpan.Zero) await Task.Delay(answer.Delay, _stop.Token);
                    context.Response.StatusCode = (int)answer.Status;
                    await context.Response.OutputStream.WriteAsync(answer.Body);
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
                {
                    // The client gave up (a timeout test) or the server is stopping.
                }
            });
        }
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
