using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// A Talos file no talconfig refers to: a full machine config (<c>talosctl gen config</c>
/// output, possibly with typed documents after it) is one machine; a file of patches only is
/// a patch for the whole cluster; anything else is not Talos and is left alone.
/// </summary>
internal static class TalosConfigFile
{
    /// <summary>The machine a full config describes, or null when the file holds none.</summary>
    public static TalosMachine? Machine(string file, IReadOnlyList<YamlDocument> documents)
    {
        var roots = documents.Select(d => d.Root).ToList();
        if (roots.FirstOrDefault(TalosShapes.IsFullConfig) is not MapNode full) return null;
        var main = OfflineValues.Mark(full.Without("sops"));
        var typed = roots.Where(TalosShapes.IsTypedDocument).Cast<MapNode>().Select(OfflineValues.Mark).ToList();
        var config = new MachineConfig(main, typed);
        var hostname = Hostname(config);
        var name = hostname is null or { IsNull: true } ? null
            : hostname.Unknown == ScalarNode.EncryptedValue ? $"<{ScalarNode.EncryptedValue}>" : hostname.Value;
        return new TalosMachine(name, hostname?.Origin ?? main.Origin, Role(main), config, file);
    }

    /// <summary>What a file holding nothing but Talos patches sets, applied to an empty config; null for any other file.</summary>
    public static MachineConfig? Patch(string file, IReadOnlyList<YamlDocument> documents, Action<Evidence, string> warn)
    {
        var roots = documents.Select(d => d.Root).OfType<Node>().ToList();
        if (roots.Count == 0 || !roots.All(TalosShapes.IsTalos)) return null;
        var patch = new TalosPatch(roots.Select(r => OfflineValues.Mark(r is MapNode m ? m.Without("sops") : r)).ToList());
        return MachineConfig.Empty(new RepoEvidence(file, 1, 1, "")).Apply(patch, warn);
    }

    /// <summary>
    /// A patch that names its host (<c>machine.network.hostname</c>, or a <c>HostnameConfig</c>
    /// document of Talos 1.12 and later) is one node's patch, as repos that render a shared
    /// base per node keep them (<c>nodes/&lt;host&gt;.yaml</c>): that node, with what the patch sets.
    /// </summary>
    public static TalosMachine? NodePatch(string file, MachineConfig patch)
    {
        if (Hostname(patch) is not { IsNull: false } hostname) return null;
        var name = hostname.Unknown == ScalarNode.EncryptedValue ? $"<{ScalarNode.EncryptedValue}>" : hostname.Value;
        var role = patch.Main.Scalar("machine.type") is null
            ? Fact<bool>.NotKnown(hostname.Origin, $"machine.type is set by no file read with {file}")
            : Role(patch.Main);
        // The base config such a patch is laid over (often a template rendered per node) is not this file.
        return new TalosMachine(name, hostname.Origin, role, patch.Without($"{file} is one node's patch; the config it is applied over is not in what was read"), file);
    }

    private static ScalarNode? Hostname(MachineConfig config) =>
        config.Main.Scalar("machine.network.hostname") is { IsNull: false } h ? h : config.Document("HostnameConfig")?.Scalar("hostname");

    /// <summary><c>machine.type</c>: <c>controlplane</c> and <c>init</c> run the control plane.</summary>
    private static Fact<bool> Role(MapNode main) => main.Scalar("machine.type") switch
    {
        null or { IsNull: true } => Fact<bool>.NotKnown(main.Origin, "machine.type is not set"),
        { IsKnown: false } type => Fact<bool>.NotKnown(type.Origin, type.Unknown!),
        { Value: "controlplane" or "init" } type => new Fact<bool>(true, type.Origin),
        { Value: "worker" } type => new Fact<bool>(false, type.Origin),
        var type => Fact<bool>.NotKnown(type.Origin, $"machine.type '{type.Value}' is not controlplane, init or worker"),
    };
}
