using Homelab.Conformance.Documents;
using Homelab.Conformance.Extraction;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using k8s.Models;
using static Homelab.Conformance.Extraction.FactReading;

namespace Homelab.Conformance.Sources.Live;

/// <summary>
/// Facts only a running cluster shows, read from its objects: nodes as they report themselves,
/// Cilium's rendered config, the collector workload. Custom resources go through the shared
/// <see cref="ObjectExtractor"/> like the repo's.
/// </summary>
internal static class LiveFacts
{
    private const string ControlPlaneLabel = "node-role.kubernetes.io/control-plane";

    public static NodeFact Node(KubeObject node)
    {
        var labels = node.Root.Map("metadata.labels");
        var role = labels?[ControlPlaneLabel] ?? labels?["node-role.kubernetes.io/master"];
        return new NodeFact(node.Name, new Fact<bool>(role is not null, role?.Origin ?? labels?.Origin ?? node.Origin), node.Origin)
        {
            Taints = (node.Root.List("spec.taints")?.Items.OfType<MapNode>() ?? [])
                .Select(t => new Fact<Taint>(new Taint(t.Text("key") ?? "", t.Text("value"), t.Text("effect") ?? ""), t.Origin)).ToList(),
            // A Node object carries every taint it has, whoever set it.
            TaintListing = Listing.Complete,
            Architecture = Text(node.Root.At("status.nodeInfo.architecture")),
            OperatingSystem = Text(node.Root.At("status.nodeInfo.osImage")),
            CpuCores = Quantity(node.Root.At("status.capacity.cpu")),
            MemoryBytes = Quantity(node.Root.At("status.capacity.memory")),
            Ready = ReadyCondition(node),
        };
    }

    /// <summary>Cilium as the agent DaemonSet and its <c>cilium-config</c> ConfigMap show it.</summary>
    public static CiliumFact? Cilium(KubeObject? agent, KubeObject? config)
    {
        if ((agent ?? config) is not { } install) return null;
        var data = config?.Root.Map("data");
        var env = Containers(agent).FirstOrDefault(c => c.Text("name") == "cilium-agent")?.List("env")
            ?? Containers(agent).FirstOrDefault()?.List("env");
        Node? Env(string name) => env?.Items.OfType<MapNode>().FirstOrDefault(e => e.Text("name") == name)?["value"];
        return new CiliumFact(install.Ref, install.Origin)
        {
            KubeProxyReplacement = Text(data?["kube-proxy-replacement"]),
            K8sServiceHost = Text(Env("KUBERNETES_SERVICE_HOST") ?? data?["k8s-service-host"]),
            K8sServicePort = Text(Env("KUBERNETES_SERVICE_PORT") ?? data?["k8s-service-port"]),
            L2Announcements = Bool(data?["enable-l2-announcements"]),
            PolicyEnforcementMode = Text(data?["enable-policy"]),
            HostFirewall = Bool(data?["enable-host-firewall"]),
        };
    }

    /// <summary>An Alloy workload: its config from the ConfigMaps it mounts, its credentials from its containers' env.</summary>
    public static CollectorFact Collector(KubeObject workload, Func<string, KubeObject?> configMapNamed)
    {
        var containers = Containers(workload).ToList();
        var credentials = containers.SelectMany(c => Credentials.FromEnv(c.List("env"),
            reference => new CredentialFact("", CredentialState.SecretReference, reference.Origin))).ToList();
        foreach (var from in containers.SelectMany(c => c.List("envFrom")?.Items.OfType<MapNode>() ?? []))
            if (from.Map("secretRef") is { } secretRef)
                credentials.Add(new CredentialFact(secretRef.Text("name") ?? "", CredentialState.SecretReference, secretRef.Origin));
        var envNames = containers.SelectMany(c => c.List("env")?.Items.OfType<MapNode>() ?? []).Select(e => e.Text("name")).OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        Evidence? config = null;
        (ObjectRef, string, Evidence)? missing = null;
        var endpoints = new List<Fact<string>>();
        var volumes = workload.Root.List("spec.template.spec.volumes")?.Items.OfType<MapNode>() ?? [];
        foreach (var volume in volumes.Where(v => v.Text("configMap.name") is not null))
        {
            var name = volume.Text("configMap.name")!;
            var mounted = configMapNamed(name);
            if (mounted is null) missing ??= (new ObjectRef("ConfigMap", workload.Namespace, name), "*.alloy", volume.Scalar("configMap.name")!.Origin);
            var data = mounted?.Root.Map("data");
            var entry = data?.Entries.FirstOrDefault(e => e.Key.EndsWith(".alloy", StringComparison.Ordinal));
            if (entry?.Value is not ScalarNode text) continue;
            config ??= text.Origin;
            credentials.AddRange(Credentials.InAlloyConfig(text, text.Origin, envNames));
            endpoints.AddRange(Exporters.InAlloyConfig(text, text.Origin));
        }
        return new CollectorFact("alloy", workload.Ref, workload.Origin)
        {
            Config = config,
            MissingConfig = config is null ? missing : null,
            Credentials = credentials,
            Endpoints = endpoints,
        };
    }

    public static bool IsAlloy(KubeObject o) =>
        o.Kind is "DaemonSet" or "Deployment" or "StatefulSet" && Label(o, "app.kubernetes.io/name") == "alloy";

    public static bool IsCiliumAgent(KubeObject o) =>
        o.Kind == "DaemonSet" && (Label(o, "k8s-app") == "cilium" || o.Name == "cilium");

    /// <summary>A label's value; label keys hold dots, so they are looked up whole, not as a path.</summary>
    private static string? Label(KubeObject o, string key) => (o.Root.Map("metadata.labels")?[key] as ScalarNode)?.Value;

    private static IEnumerable<MapNode> Containers(KubeObject? workload) =>
        workload?.Root.List("spec.template.spec.containers")?.Items.OfType<MapNode>() ?? [];

    /// <summary>A resource quantity (<c>8</c>, <c>7500m</c>, <c>32499732Ki</c>) as a whole number.</summary>
    private static Fact<long>? Quantity(Node? node)
    {
        if (Text(node) is not { IsKnown: true } text) return null;
        try
        {
            return new Fact<long>((long)Math.Floor(new ResourceQuantity(text.Value).ToDecimal()), text.Evidence);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return Fact<long>.NotKnown(text.Evidence, $"'{text.Value}' is not a resource quantity");
        }
    }
}
