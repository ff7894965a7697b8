using System.Globalization;
using System.Text.Json.Nodes;

namespace Homelab.Seed;

/// <summary>
/// N extra objects for the live benchmark, on top of the conforming fixtures, deterministic: per
/// 20 objects 8 pods, 6 ConfigMaps, 1 DaemonSet, 1 Deployment, 2 Flux Kustomizations (Ready), 1
/// HelmRelease (Ready) and 1 Rook CephBlockPool (replicated 3, host), spread over bench-NN
/// namespaces. Kinds and names are chosen so the cluster still conforms: no extra nodes, control
/// planes, kube-proxy or Cilium agents, and every Flux object Ready.
/// </summary>
public static class BulkObjects
{
    private const int Namespaces = 20;

    public static IReadOnlyList<JsonObject> Namespace() =>
        [.. Enumerable.Range(0, Namespaces).Select(n => Obj("v1", "Namespace", null, Ns(n)))];

    public static IReadOnlyList<JsonObject> Create(int count) =>
        [.. Enumerable.Range(0, count).Select(One)];

    private static string Ns(int n) => string.Create(CultureInfo.InvariantCulture, $"bench-{n:00}");

    private static JsonObject One(int i)
    {
        var ns = Ns(i % Namespaces);
        var name = string.Create(CultureInfo.InvariantCulture, $"bench-{i:00000}");
        return (i % 20) switch
        {
            < 8 => Pod(ns, name, i),
            < 14 => ConfigMap(ns, name, i),
            14 => Workload("DaemonSet", ns, name),
            15 => Workload("Deployment", ns, name),
            16 or 17 => Kustomization(ns, name),
            18 => HelmRelease(ns, name),
            _ => BlockPool(name),
        };
    }

    private static JsonObject Obj(string apiVersion, string kind, string? ns, string name)
    {
        var metadata = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "bench" } };
        if (ns is not null) metadata["namespace"] = ns;
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }

    private static JsonObject Container(string image) => new()
    {
        ["name"] = "main",
        ["image"] = image,
        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "10m", ["memory"] = "32Mi" } },
    };

    private static JsonObject Pod(string ns, string name, int i)
    {
        var o = Obj("v1", "Pod", ns, name);
        o["spec"] = new JsonObject
        {
            ["nodeName"] = string.Create(CultureInfo.InvariantCulture, $"talos-{1 + (i % 4)}"),
            ["containers"] = new JsonArray(Container("ghcr.io/example/bench:1.0.0")),
        };
        return o;
    }

    private static JsonObject ConfigMap(string ns, string name, int i)
    {
        var o = Obj("v1", "ConfigMap", ns, name);
        o["data"] = new JsonObject { ["index"] = i.ToString(CultureInfo.InvariantCulture), ["settings.yaml"] = "replicas: 2\nlogLevel: info\n" };
        return o;
    }

    private static JsonObject Workload(string kind, string ns, string name)
    {
        var o = Obj("apps/v1", kind, ns, name);
        var labels = new JsonObject { ["app.kubernetes.io/name"] = name };
        o["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = labels },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(Container("ghcr.io/example/bench:1.0.0")) },
            },
        };
        return o;
    }

    private static JsonObject Ready(string reason) => new()
    {
        ["observedGeneration"] = 1,
        ["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = "True",
            ["reason"] = reason,
            ["message"] = "benchmark object",
            ["observedGeneration"] = 1,
            ["lastTransitionTime"] = "2025-11-20T09:58:12Z",
        }),
    };

    private static JsonObject Kustomization(string ns, string name)
    {
        var o = Obj("kustomize.toolkit.fluxcd.io/v1", "Kustomization", ns, name);
        o["spec"] = new JsonObject
        {
            ["interval"] = "10m",
            ["path"] = "./apps/" + name,
            ["prune"] = true,
            ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "flux-system", ["namespace"] = "flux-system" },
        };
        o["status"] = Ready("ReconciliationSucceeded");
        return o;
    }

    private static JsonObject HelmRelease(string ns, string name)
    {
        var o = Obj("helm.toolkit.fluxcd.io/v2", "HelmRelease", ns, name);
        o["spec"] = new JsonObject
        {
            ["interval"] = "30m",
            ["chart"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["chart"] = "podinfo",
                    ["version"] = "6.x",
                    ["sourceRef"] = new JsonObject { ["kind"] = "HelmRepository", ["name"] = "grafana", ["namespace"] = "flux-system" },
                },
            },
            ["values"] = new JsonObject { ["replicaCount"] = 2 },
        };
        o["status"] = Ready("InstallSucceeded");
        return o;
    }

    private static JsonObject BlockPool(string name)
    {
        var o = Obj("ceph.rook.io/v1", "CephBlockPool", "rook-ceph", name);
        o["spec"] = new JsonObject { ["failureDomain"] = "host", ["replicated"] = new JsonObject { ["size"] = 3 } };
        o["status"] = new JsonObject { ["phase"] = "Ready", ["observedGeneration"] = 1 };
        return o;
    }
}
