using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// The facts an effective Talos config states: scheduling on control planes, kube-proxy and
/// the CNI (control-plane configs: the control plane deploys them), and node taints. With
/// <c>lookedIn</c> set, what nobody sets takes the Talos default, with absence as its
/// evidence; without it (a patch on its own), only what the patch sets is a fact.
/// </summary>
internal static class TalosSettings
{
    private const string SchedulingPath = "cluster.allowSchedulingOnControlPlanes";
    private const string ProxyPath = "cluster.proxy.disabled";
    private const string CniPath = "cluster.network.cni.name";
    private const string KubePrismPath = "machine.features.kubePrism";

    /// <summary>KubePrism's port when it is on and no port is set (Talos config reference).</summary>
    public const string KubePrismDefaultPort = "7445";

    /// <summary>
    /// KubePrism runs on every node, worker or control plane. Unset, it is off (a config Talos 1.6+
    /// generates turns it on: talhelper's base config says so where it does).
    /// </summary>
    public static void AddKubePrism(ClusterFacts facts, MachineConfig config, string? lookedIn, Action<Evidence, string> error)
    {
        var path = KubePrismPath + ".enabled";
        if (Bool(config.Main.Scalar(path), path, lookedIn, config.Unread, error) is not { } enabled) return;
        var port = config.Main.Scalar(KubePrismPath + ".port") is { IsNull: false } set
            ? set.IsKnown ? new Fact<string>(set.Value!, set.Origin) : Fact<string>.NotKnown(set.Origin, set.Unknown!)
            : new Fact<string>(KubePrismDefaultPort, new AbsenceEvidence(KubePrismPath + ".port", lookedIn ?? enabled.Evidence.Location));
        AddOnce(facts.KubeProxy.KubePrism, new KubePrismFact(enabled, port));
    }

    public static void AddControlPlane(ClusterFacts facts, MachineConfig config, string? lookedIn, Action<Evidence, string> error)
    {
        var main = config.Main;
        var scheduling = main.Scalar(SchedulingPath) ?? main.Scalar("cluster.allowSchedulingOnMasters");
        AddOnce(facts.ControlPlaneScheduling, Bool(scheduling, SchedulingPath, lookedIn, config.Unread, error));
        AddOnce(facts.KubeProxy.DisabledSettings, ProxyDisabled(config, lookedIn, error));
        AddOnce(facts.KubeProxy.CniSettings, Cni(config, lookedIn));
    }

    /// <summary>
    /// kube-proxy: a <c>KubeProxyConfig</c> document (Talos' multi-document form; <c>enabled: false</c>,
    /// or <c>disabled: true</c>) takes the place of <c>cluster.proxy</c>.
    /// </summary>
    private static Fact<bool>? ProxyDisabled(MachineConfig config, string? lookedIn, Action<Evidence, string> error)
    {
        if (config.Document("KubeProxyConfig") is not { } document) return Bool(config.Main.Scalar(ProxyPath), ProxyPath, lookedIn, config.Unread, error);
        if (document.Scalar("disabled") is { IsNull: false } disabled) return Bool(disabled, "", null, [], error);
        if (document.Scalar("enabled") is { IsNull: false } enabled)
        {
            var on = Bool(enabled, "", null, [], error)!;
            return on.IsKnown ? on with { Value = !on.Value } : on;
        }
        return new Fact<bool>(false, new AbsenceEvidence("KubeProxyConfig enabled: false", FileOf(document)));
    }

    /// <summary>The CNI: <c>cluster.network.cni.name</c>, else a <c>KubeFlannelCNIConfig</c> document, else Talos' flannel.</summary>
    private static Fact<string>? Cni(MachineConfig config, string? lookedIn)
    {
        if (config.Main.Scalar(CniPath) is { IsNull: false } name)
            return name.IsKnown ? new Fact<string>(name.Value!, name.Origin) : Fact<string>.NotKnown(name.Origin, name.Unknown!);
        if (config.Document("KubeFlannelCNIConfig") is { } flannel) return new Fact<string>("flannel", flannel.Scalar("kind")?.Origin ?? flannel.Origin);
        if (lookedIn is null) return null;
        return config.Unread.Count > 0 ? Fact<string>.NotKnown(new AbsenceEvidence(CniPath, lookedIn), Unset(CniPath, config.Unread))
            : new Fact<string>("flannel", new AbsenceEvidence(CniPath, lookedIn));
    }

    /// <summary><c>machine.nodeTaints</c> and the <c>taints</c> of <c>KubeNodeConfig</c> documents: <c>key: value:Effect</c>.</summary>
    public static List<Fact<Taint>> Taints(MachineConfig config)
    {
        var maps = new[] { config.Main.Map("machine.nodeTaints") }
            .Concat(config.Documents.Where(d => d.Text("kind") == "KubeNodeConfig").Select(d => d.Map("taints")));
        var taints = new List<Fact<Taint>>();
        foreach (var (key, value) in maps.OfType<MapNode>().SelectMany(m => m.Entries))
            if (value is ScalarNode { IsNull: false } text) AddOnce(taints, Taint(key, text));
        return taints;
    }

    private static Fact<Taint> Taint(string key, ScalarNode text)
    {
        if (!text.IsKnown) return Fact<Taint>.NotKnown(text.Origin, text.Unknown!);
        var value = text.Value!;
        var colon = value.LastIndexOf(':');
        var taint = colon >= 0
            ? new Taint(key, colon == 0 ? null : value[..colon], value[(colon + 1)..])
            : value is "NoSchedule" or "PreferNoSchedule" or "NoExecute" ? new Taint(key, null, value) : new Taint(key, value, "");
        return new Fact<Taint>(taint, text.Origin);
    }

    /// <summary>
    /// A setting's fact. Unset, it takes Talos' default (false) where the whole config was read, and
    /// is unknown where part of it was not (<paramref name="unread"/>): that part may set it.
    /// </summary>
    private static Fact<bool>? Bool(ScalarNode? node, string path, string? lookedIn, IReadOnlyList<string> unread, Action<Evidence, string> error) => node switch
    {
        null or { IsNull: true } when lookedIn is null => null,
        null or { IsNull: true } when unread.Count > 0 => Fact<bool>.NotKnown(new AbsenceEvidence(path, lookedIn!), Unset(path, unread)),
        null or { IsNull: true } => new Fact<bool>(false, new AbsenceEvidence(path, lookedIn!)),
        { IsKnown: false } => Fact<bool>.NotKnown(node.Origin, node.Unknown!),
        _ => Typed(node, error),
    };

    /// <summary>A boolean as Talos decodes it; what it refuses is an error of the config, and unknown.</summary>
    private static Fact<bool> Typed(ScalarNode node, Action<Evidence, string> error)
    {
        var (value, why) = YamlBooleans.Talos(node);
        if (value is { } known) return new Fact<bool>(known, node.Origin);
        error(node.Origin, why!);
        return Fact<bool>.NotKnown(node.Origin, why!);
    }

    private static string Unset(string path, IReadOnlyList<string> unread) =>
        $"{path} is set by nothing read, and the config is not all read: {string.Join("; ", unread)}";

    private static string FileOf(Node node) => node.Origin is RepoEvidence r ? r.File : node.Origin.Location;

    public static void AddOnce<T>(List<T> list, T? item)
    {
        if (item is not null && !list.Contains(item)) list.Add(item);
    }
}
