using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// A talhelper <c>talconfig.yaml</c>: each node's config is what talhelper generates from the
/// talconfig's own fields, then the global, role (<c>controlPlane</c>/<c>worker</c>) and node
/// patches in that order, so a node patch beats a role patch beats a global one.
/// </summary>
internal static class Talconfig
{
    public static IReadOnlyList<TalosMachine> Read(RepoFiles repo, ProblemLog problems, string file, TalhelperPatches patches)
    {
        if (TalosFiles.Read(repo, problems, file)?.FirstOrDefault()?.Root is not MapNode document) return [];
        var root = OfflineValues.Mark(document.Without("sops"));
        var global = patches.Load(root);
        var controlPlane = root.Map("controlPlane");
        var worker = root.Map("worker");
        var rolePatches = new Dictionary<bool, List<TalosPatch>> { [true] = patches.Load(controlPlane), [false] = patches.Load(worker) };
        var machines = new List<TalosMachine>();
        var nodes = root.List("nodes")?.Items ?? [];
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is not MapNode node) continue;
            if (node.Scalar("hostname") is not { IsNull: false } hostname)
            {
                problems.Error(node.Origin, "talhelper node has no hostname; it is not read");
                continue;
            }
            var role = Role(node, i, file, problems.Error);
            var group = role is { IsKnown: true, Value: true } ? controlPlane : role.IsKnown ? worker : null;
            var config = new MachineConfig(Base(root, node, group, hostname), []);
            // overridePatches: the node's patches take the place of its group's (the global ones stay).
            List<TalosPatch> groupPatches = !role.IsKnown || node.Scalar("overridePatches")?.AsBool() == true ? [] : rolePatches[role.Value];
            foreach (var patch in global.Concat(groupPatches).Concat(patches.Load(node)))
                config = config.Apply(patch, problems.Warning);
            machines.Add(new TalosMachine(Name(hostname), hostname.Origin, Named(role, hostname), config, file)
            {
                Architecture = Text(node.Scalar("machineSpec.arch") ?? group?.Scalar("machineSpec.arch")),
            });
        }
        return machines;
    }

    /// <summary>The config talhelper generates before any patch, from the talconfig's own fields.</summary>
    private static MapNode Base(MapNode root, MapNode node, MapNode? group, ScalarNode hostname)
    {
        var config = new MapNode(root.Place, []);
        if (Scheduling(root) is { } scheduling) config = TalosMerge.SetAt(config, ["cluster", "allowSchedulingOnControlPlanes"], scheduling);
        if (root.Scalar("cniConfig.name") is { IsNull: false } cni) config = TalosMerge.SetAt(config, ["cluster", "network", "cni", "name"], cni);
        config = TalosMerge.SetAt(config, ["machine", "network", "hostname"], hostname);
        if (GeneratesKubePrism(root.Scalar("talosVersion")))
        {
            config = TalosMerge.SetAt(config, ["machine", "features", "kubePrism", "enabled"], Generated("machine.features.kubePrism.enabled", "true", root));
            config = TalosMerge.SetAt(config, ["machine", "features", "kubePrism", "port"], Generated("machine.features.kubePrism.port", TalosSettings.KubePrismDefaultPort, root));
        }
        // A node's own map replaces its group's whole, as talhelper merges node over group.
        if ((node.Map("nodeTaints") is { Entries.Count: > 0 } own ? own : group?.Map("nodeTaints")) is { } taints)
            config = TalosMerge.SetAt(config, ["machine", "nodeTaints"], taints);
        return config;
    }

    /// <summary>
    /// The machine configs talhelper generates (as <c>talosctl gen config</c>) turn KubePrism on at
    /// port 7445 from Talos 1.6; an unset talosVersion is talhelper's current Talos.
    /// </summary>
    private static bool GeneratesKubePrism(ScalarNode? talosVersion)
    {
        if (talosVersion is not { IsKnown: true, Value: { } text }) return true;
        var parts = text.TrimStart('v').Split('.');
        return parts.Length < 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor) || major > 1 || (major == 1 && minor >= 6);
    }

    private static ScalarNode Generated(string setting, string value, MapNode root) =>
        new(new DefaultEvidence("talhelper genconfig (Talos 1.6+)", setting, value, root.Scalar("talosVersion")?.Origin ?? root.Origin), value);

    /// <summary>talhelper allows scheduling when either of its two spellings is true.</summary>
    private static ScalarNode? Scheduling(MapNode root)
    {
        var set = new[] { root.Scalar("allowSchedulingOnControlPlanes"), root.Scalar("allowSchedulingOnMasters") }
            .OfType<ScalarNode>().Where(s => !s.IsNull).ToList();
        return set.FirstOrDefault(s => s.AsBool() == true) ?? set.FirstOrDefault(s => !s.IsKnown) ?? set.FirstOrDefault();
    }

    /// <summary>A node's role, decoded as talhelper's typed bool is: a quoted "true" is a string it refuses.</summary>
    private static Fact<bool> Role(MapNode node, int index, string file, Action<Evidence, string> error)
    {
        switch (node.Scalar("controlPlane"))
        {
            case null or { IsNull: true }: return new Fact<bool>(false, new AbsenceEvidence($"nodes[{index}].controlPlane", file));
            case { IsKnown: false } s: return Fact<bool>.NotKnown(s.Origin, s.Unknown!);
            case var s:
                var (value, why) = YamlBooleans.Talos(s);
                if (value is { } known) return new Fact<bool>(known, s.Origin);
                error(s.Origin, $"controlPlane: {why}");
                return Fact<bool>.NotKnown(s.Origin, why!);
        }
    }

    /// <summary>A hostname that is not known leaves the role unknown too: the node cannot be matched to the spec.</summary>
    private static Fact<bool> Named(Fact<bool> role, ScalarNode hostname) =>
        hostname.IsKnown || !role.IsKnown ? role : Fact<bool>.NotKnown(hostname.Origin, $"hostname: {hostname.Unknown}");

    private static string Name(ScalarNode hostname) =>
        hostname.Unknown == ScalarNode.EncryptedValue ? $"<{ScalarNode.EncryptedValue}>" : hostname.Value!;

    private static Fact<string>? Text(ScalarNode? node) => node switch
    {
        null or { IsNull: true } => null,
        { IsKnown: false } => Fact<string>.NotKnown(node.Origin, node.Unknown!),
        _ => new Fact<string>(node.Value!, node.Origin),
    };
}
