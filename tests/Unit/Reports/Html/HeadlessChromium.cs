using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homelab.Conformance.Tests.Reports.Html;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol (<c>--remote-debugging-port=0</c>
/// and a WebSocket): it loads a page, records console errors, uncaught exceptions, log errors
/// (a CSP violation, a failed load) and every request the page makes, and takes a full-page
/// screenshot. Disposing kills the browser and its children and deletes its profile.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string DebianPath = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly StringBuilder _stderr = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;
    private string? _session;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser to use: <c>$HOMELAB_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c>; null when neither exists.</summary>
    public static string? Find() =>
        Environment.GetEnvironmentVariable("HOMELAB_CHROMIUM") is { Length: > 0 } path && File.Exists(path) ? path
        : File.Exists(DebianPath) ? DebianPath : null;

    public static async Task<HeadlessChromium> StartAsync(string executable, CancellationToken cancel)
    {
        var profile = Path.Combine(Path.GetTempPath(), "homelab-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[]
        {
            "--headless=new", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--mute-audio", "--window-size=1280,900", "--remote-debugging-port=0",
            "--user-data-dir=" + profile, "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            process.ErrorDataReceived += (_, e) => { lock (browser._stderr) browser._stderr.AppendLine(e.Data); };
            process.OutputDataReceived += (_, e) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            await browser.ConnectAsync(cancel);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the browser printed, for a failure message.</summary>
    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Opens <paramref name="url"/> in the page and waits for its load event.</summary>
    public async Task NavigateAsync(string url, CancellationToken cancel)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, cancel);
        while (!_events.Any(e => Method(e) == "Page.loadEventFired"))
            await Task.Delay(20, cancel);
        // Let late console messages and log entries of the load arrive.
        await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = "new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))", ["awaitPromise"] = true }, cancel);
    }

    public async Task<string> EvaluateAsync(string expression, CancellationToken cancel)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, cancel);
        return result.GetProperty("result").GetProperty("value").GetString() ?? "";
    }

    /// <summary>A PNG of the whole page, not only the window.</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken cancel)
    {
        var metrics = await SendAsync("Page.getLayoutMetrics", null, cancel);
        var size = metrics.GetProperty("cssContentSize");
        var clip = new JsonObject
        {
            ["x"] = 0,
            ["y"] = 0,
            ["width"] = Math.Ceiling(size.GetProperty("width").GetDouble()),
            ["height"] = Math.Min(16000, Math.Ceiling(size.GetProperty("height").GetDouble())),
            ["scale"] = 1,
        };
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true, ["clip"] = clip }, cancel);
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    /// <summary>Console errors and assertions, uncaught exceptions, and error log entries (CSP violations, failed loads).</summary>
    public IReadOnlyList<string> Errors() => _events.Select(e => Method(e) switch
    {
        "Runtime.consoleAPICalled" when e.GetProperty("params").GetProperty("type").GetString() is "error" or "assert" =>
            "console." + e.GetProperty("params").GetProperty("type").GetString() + ": " + string.Join(" ", e.GetProperty("params").GetProperty("args").EnumerateArray()
                .Select(a => a.TryGetProperty("value", out var v) ? v.ToString() : a.TryGetProperty("description", out var d) ? d.GetString() : "?")),
        "Runtime.exceptionThrown" => "exception: " + e.GetProperty("params").GetProperty("exceptionDetails").ToString(),
        "Log.entryAdded" when e.GetProperty("params").GetProperty("entry").GetProperty("level").GetString() == "error" =>
            "log: " + e.GetProperty("params").GetProperty("entry").GetProperty("text").GetString(),
        _ => null,
    }).OfType<string>().ToList();

    /// <summary>Every URL the page asked for, the page itself included.</summary>
    public IReadOnlyList<string> Requests() => _events
        .Where(e => Method(e) == "Network.requestWillBeSent")
        .Select(e => e.GetProperty("params").GetProperty("request").GetProperty("url").GetString() ?? "")
        .ToList();

    private async Task ConnectAsync(CancellationToken cancel)
    {
        // Chromium writes the port it chose and the browser's WebSocket path into the profile.
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        string[] lines = [];
        while (lines.Length < 2)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Chromium exited with code {_process.ExitCode} before it listened:{Environment.NewLine}{Stderr}");
            await Task.Delay(25, cancel);
            try { lines = File.Exists(portFile) ? await File.ReadAllLinesAsync(portFile, cancel) : []; }
            catch (IOException) { lines = []; }
        }
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), cancel);
        _receiving = Task.Run(ReceiveAsync, CancellationToken.None);

        var targets = await SendAsync("Target.getTargets", null, cancel);
        var page = targets.GetProperty("targetInfos").EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = page.GetProperty("targetId").GetString(), ["flatten"] = true }, cancel);
        _session = attached.GetProperty("sessionId").GetString();
        foreach (var domain in new[] { "Page", "Runtime", "Log", "Network" })
            await SendAsync(domain + ".enable", null, cancel);
    }

    private async Task<JsonElement> SendAsync(string method, JsonObject? parameters, CancellationToken cancel)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (_session is not null) message["sessionId"] = _session;
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancel);
        return await reply.Task.WaitAsync(cancel);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                message.SetLength(0);
                if (json.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var reply))
                {
                    if (json.TryGetProperty("error", out var error)) reply.SetException(new InvalidOperationException($"DevTools: {error}"));
                    else reply.SetResult(json.GetProperty("result"));
                }
                else if (json.TryGetProperty("method", out _))
                {
                    _events.Enqueue(json);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        foreach (var reply in _pending.Values) reply.TrySetException(new InvalidOperationException($"the DevTools connection closed:{Environment.NewLine}{Stderr}"));
    }

    private static string? Method(JsonElement message) => message.TryGetProperty("method", out var m) ? m.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
        }
        if (_receiving is not null) await _receiving;
        _socket.Dispose();
        _process.Dispose();
        _stop.Dispose();
        for (var attempt = 0; attempt < 5 && Directory.Exists(_profile); attempt++)
        {
            try { Directory.Delete(_profile, recursive: true); }
            catch (IOException) { await Task.Delay(100); }
            catch (UnauthorizedAccessException) { await Task.Delay(100); }
        }
    }
}
