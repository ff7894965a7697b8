using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Extraction;

/// <summary>Workloads that matter to the architecture: kube-proxy, which must not run, and Ceph's OSDs.</summary>
internal static class WorkloadObjects
{
    public static bool Add(KubeObject o, KubeProxyFacts kubeProxy, StorageFacts storage)
    {
        if (o.Kind == "Pod" && (o.Root.Map("metadata.labels")?["app"] as ScalarNode)?.Value == "rook-ceph-osd")
        {
            if (FactReading.Text(o.Root.At("spec.nodeName")) is { } node) storage.OsdPods.Add(node);
            return true;
        }
        if (o.Kind is not ("DaemonSet" or "Pod") || !IsKubeProxy(o)) return false;
        kubeProxy.Workloads.Add(o.Origin);
        return true;
    }

    private static bool IsKubeProxy(KubeObject o) =>
        o.Name == "kube-proxy" || o.Name.StartsWith("kube-proxy-", StringComparison.Ordinal)
        || o.Root.Map("metadata.labels")?.Text("k8s-app") == "kube-proxy";
}
