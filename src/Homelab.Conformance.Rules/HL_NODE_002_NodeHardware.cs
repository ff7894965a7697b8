using System.Globalization;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_NODE_002_NodeHardware : Rule
{
    public override string Id => "HL-NODE-002";
    public override string Title => "Node hardware and OS as specified";
    public override string Claim(ArchitectureSpec spec)
    {
        var nodes = spec.Nodes;
        var os = nodes.OperatingSystem == "talos" ? "Talos Linux" : nodes.OperatingSystem;
        return $"Each node is {nodes.Architecture} with {nodes.PerNode.CpuCores} cores and {nodes.PerNode.MemoryGiB} GiB RAM, running {os}.";
    }
    public override string Remediation => "Replace or reconfigure the node, or update the spec's `nodes.perNode` when the hardware changes.";
    public override Area Area => Area.Nodes;
    public override IReadOnlyList<string> DocsKeys => ["nodes.os", "nodes.board", "resources.cpus", "resources.memoryGB", "resources.diskGB", "hardware.cpuCores", "hardware.memoryGB", "hardware.diskGB"];
    public override IReadOnlyList<string> Reads => ["Node"];
    public override IReadOnlyList<FactOrigin> Origins => [FactOrigin.Live];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (facts.Nodes.Count == 0)
        {
            yield return Finding.NothingFound("Node", facts.Source);
            yield break;
        }
        var perNode = spec.Nodes.PerNode;
        // Firmware and kernel keep part of the RAM: a node showing all but the spec's tolerance has it.
        var memory = (long)(perNode.MemoryGiB * (1 - perNode.MemoryTolerancePercent / 100) * 1024 * 1024 * 1024);
        foreach (var node in facts.Nodes)
        {
            var where = node.Evidence.Location;
            yield return Checks.Expect(node.Architecture, a => a == spec.Nodes.Architecture, $"{node.Name} architecture", spec.Nodes.Architecture, where);
            yield return Checks.Expect(node.CpuCores, c => c == perNode.CpuCores, $"{node.Name} CPU cores", perNode.CpuCores.ToString(CultureInfo.InvariantCulture), where);
            yield return Checks.Expect(node.MemoryBytes, m => m >= memory, $"{node.Name} memory bytes", $"about {perNode.MemoryGiB} GiB (at least {memory})", where);
            yield return Checks.Expect(node.OperatingSystem, os => os.Contains(spec.Nodes.OperatingSystem, StringComparison.OrdinalIgnoreCase),
                $"{node.Name} OS image", spec.Nodes.OperatingSystem, where);
        }
    }
}
