using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace Homelab.Seed;

/// <summary>
/// The test harness's own writes (create, replace, status, delete) to seed scenarios. The audit
/// itself has no code path that writes: this class lives in the tests only.
/// </summary>
public sealed class ApiWriter(Kubernetes client)
{
    private readonly ConcurrentDictionary<(string ApiVersion, string Kind), (string Resource, bool Namespaced)> _resources = [];

    /// <summary>Requests sent, for the benchmark's loader.</summary>
    public int Requests => _requests;

    private int _requests;

    /// <summary>
    /// Creates many objects with at most <paramref name="parallelism"/> requests in flight: a POST
    /// each (plus a PUT of status where given), falling back to create-or-replace for an object
    /// that already exists, so a second load over the same cluster converges.
    /// </summary>
    public async Task CreateManyAsync(IReadOnlyList<JsonObject> objects, int parallelism, CancellationToken cancel)
    {
        // Resolve each kind's resource once, before the parallel part.
        foreach (var kind in objects.Select(o => (o["apiVersion"]!.GetValue<string>(), o["kind"]!.GetValue<string>())).Distinct())
            await ResourceOf(kind.Item1, kind.Item2, cancel);
        await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancel }, async (obj, token) =>
        {
            var path = await PathOf(obj, token);
            try
            {
                JsonObject written;
                // A fresh namespace answers 500 until its default ServiceAccount has a token: wait and retry.
                for (var attempt = 0; ; attempt++)
                {
                    try { written = (await SendAsync(HttpMethod.Post, Collection(path), Without(obj, "status"), token))!; break; }
                    catch (RetryableException) when (attempt < 50) { await Task.Delay(200, token); }
                }
                if (obj["status"] is JsonNode status)
                {
                    written["status"] = status.DeepClone();
                    await SendAsync(HttpMethod.Put, path + "/status", written, token);
                }
            }
            catch (ConflictException)
            {
                await CreateOrReplaceAsync(obj, token);
            }
        });
    }

    public async Task CreateOrReplaceAsync(JsonObject obj, CancellationToken cancel)
    {
        var path = await PathOf(obj, cancel);
        var existing = await SendAsync(HttpMethod.Get, path, null, cancel, allowNotFound: true);
        JsonObject written;
        if (existing is null)
        {
            written = (await SendAsync(HttpMethod.Post, Collection(path), Without(obj, "status"), cancel))!;
        }
        else if (obj["kind"]!.GetValue<string>() == "Pod")
        {
            // A pod's spec cannot be replaced: it is deleted and created again, as a controller would.
            await DeleteAsync(obj["apiVersion"]!.GetValue<string>(), "Pod", obj["metadata"]!["namespace"]?.GetValue<string>(), obj["metadata"]!["name"]!.GetValue<string>(), cancel);
            written = (await SendAsync(HttpMethod.Post, Collection(path), Without(obj, "status"), cancel))!;
        }
        else
        {
            written = await ReplaceAsync(path, Without(obj, "status"), existing, cancel);
        }
        if (obj["status"] is not JsonNode status) return;
        // Status goes through its own subresource: a create or replace ignores it. Controllers
        // (node lifecycle, for one) may update the object meanwhile: on a conflict, read and retry.
        for (var attempt = 0; ; attempt++)
        {
            var withStatus = written.DeepClone().AsObject();
            withStatus["status"] = status.DeepClone();
            try
            {
                await SendAsync(HttpMethod.Put, path + "/status", withStatus, cancel);
                return;
            }
            catch (ConflictException) when (attempt < 10)
            {
                written = (await SendAsync(HttpMethod.Get, path, null, cancel))!;
            }
        }
    }

    /// <summary>A PUT at the version last read; a controller writing in between (a 409) means read again and retry.</summary>
    private async Task<JsonObject> ReplaceAsync(string path, JsonObject replacement, JsonObject existing, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            replacement["metadata"]!["resourceVersion"] = existing["metadata"]!["resourceVersion"]!.GetValue<string>();
            try
            {
                return (await SendAsync(HttpMethod.Put, path, replacement, cancel))!;
            }
            catch (ConflictException) when (attempt < 10)
            {
                existing = (await SendAsync(HttpMethod.Get, path, null, cancel))!;
            }
        }
    }

    public async Task DeleteAsync(string apiVersion, string kind, string? ns, string name, CancellationToken cancel)
    {
        var (resource, namespaced) = await ResourceOf(apiVersion, kind, cancel);
        var path = Path(apiVersion, resource, namespaced ? ns ?? "default" : null, name);
        // Grace period 0: without a kubelet, a pod bound to a node would otherwise wait for one forever.
        // Workloads go in the foreground, after their pods, so none lingers into the next scenario; other
        // kinds in the background, since the garbage collector may not yet watch a freshly made CRD.
        var workload = kind is "DaemonSet" or "Deployment" or "StatefulSet" or "ReplicaSet";
        var uid = workload ? (await SendAsync(HttpMethod.Get, path, null, cancel, allowNotFound: true))?["metadata"]?["uid"]?.GetValue<string>() : null;
        var propagation = workload ? "Foreground" : "Background";
        await SendAsync(HttpMethod.Delete, $"{path}?gracePeriodSeconds=0&propagationPolicy={propagation}", null, cancel, allowNotFound: true);
        // Wait until it is gone, so a later create of the same name does not race the deletion.
        for (var i = 0; await SendAsync(HttpMethod.Get, path, null, cancel, allowNotFound: true) is not null; i++)
        {
            if (i >= 300) throw new TimeoutException($"{kind} {ns}/{name} was still there 30 s after its deletion");
            await Task.Delay(100, cancel);
        }
        if (uid is not null) await SweepPodsAsync(ns ?? "default", uid, cancel);
    }

    /// <summary>
    /// Deletes pods a just-deleted workload's controller made too late for the foreground deletion
    /// (it acted on a cache from before the delete), until three looks 200 ms apart find none.
    /// </summary>
    private async Task SweepPodsAsync(string ns, string ownerUid, CancellationToken cancel)
    {
        for (var (quiet, looks) = (0, 0); quiet < 3; await Task.Delay(200, cancel))
        {
            if (++looks > 50) throw new TimeoutException($"pods of a deleted workload in {ns} were still there after 10 s");
            var pods = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods", null, cancel);
            var strays = (pods?["items"]?.AsArray() ?? []).OfType<JsonObject>()
                .Where(p => (p["metadata"]?["ownerReferences"]?.AsArray() ?? []).Any(o => o?["uid"]?.GetValue<string>() == ownerUid))
                .Select(p => p["metadata"]!["name"]!.GetValue<string>()).ToList();
            quiet = strays.Count == 0 ? quiet + 1 : 0;
            foreach (var pod in strays)
                await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/{pod}?gracePeriodSeconds=0", null, cancel, allowNotFound: true);
        }
    }

    public async Task<bool> ServesAsync(string apiVersion, string kind, CancellationToken cancel)
    {
        _resources.TryRemove((apiVersion, kind), out _);
        try { await ResourceOf(apiVersion, kind, cancel); return true; }
        catch (InvalidOperationException) { return false; }
    }

    private async Task<string> PathOf(JsonObject obj, CancellationToken cancel)
    {
        var apiVersion = obj["apiVersion"]!.GetValue<string>();
        var kind = obj["kind"]!.GetValue<string>();
        var metadata = obj["metadata"]!.AsObject();
        var (resource, namespaced) = await ResourceOf(apiVersion, kind, cancel);
        var ns = namespaced ? metadata["namespace"]?.GetValue<string>() ?? "default" : null;
        if (namespaced) metadata["namespace"] = ns;
        return Path(apiVersion, resource, ns, metadata["name"]!.GetValue<string>());
    }

    private static string Path(string apiVersion, string resource, string? ns, string name)
    {
        var root = apiVersion.Contains('/') ? $"/apis/{apiVersion}" : $"/api/{apiVersion}";
        return ns is null ? $"{root}/{resource}/{name}" : $"{root}/namespaces/{ns}/{resource}/{name}";
    }

    private static string Collection(string path) => path[..path.LastIndexOf('/')];

    private async Task<(string Resource, bool Namespaced)> ResourceOf(string apiVersion, string kind, CancellationToken cancel)
    {
        if (_resources.TryGetValue((apiVersion, kind), out var known)) return known;
        var list = await SendAsync(HttpMethod.Get, apiVersion.Contains('/') ? $"/apis/{apiVersion}" : $"/api/{apiVersion}", null, cancel, allowNotFound: true);
        foreach (var r in list?["resources"]?.AsArray() ?? [])
            if (r!["kind"]!.GetValue<string>() == kind && !r["name"]!.GetValue<string>().Contains('/'))
                return _resources[(apiVersion, kind)] = (r["name"]!.GetValue<string>(), r["namespaced"]!.GetValue<bool>());
        throw new InvalidOperationException($"the API server serves no {kind} in {apiVersion}");
    }

    private static JsonObject Without(JsonObject obj, string key)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove(key);
        return copy;
    }

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancel, bool allowNotFound = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(client.BaseUri, path));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (client.Credentials is { } credentials) await credentials.ProcessHttpRequestAsync(request, cancel);
        Interlocked.Increment(ref _requests);
        using var response = await client.HttpClient.SendAsync(request, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (response.StatusCode == HttpStatusCode.NotFound && allowNotFound) return null;
        if (response.StatusCode == HttpStatusCode.Conflict) throw new ConflictException($"{method} {path}: {text}");
        if (response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            throw new RetryableException($"{method} {path}: {(int)response.StatusCode} {text}");
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text) as JsonObject;
    }
}

/// <summary>The server asked to try again later (HTTP 500, 429, 503).</summary>
public sealed class RetryableException(string message) : InvalidOperationException(message);

/// <summary>The object changed between read and write (HTTP 409).</summary>
public sealed class ConflictException(string message) : Exception(message);
