using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// Reads every Talos config of the repo into the fact model: talhelper <c>talconfig.yaml</c>
/// files with their patches, full machine configs, patch files that name their host (one node
/// each), and the other patch files no talconfig names (they apply to the whole cluster). Templated configs are warned about, never guessed at;
/// encrypted values and talenv variables become unknown facts, never violations.
/// </summary>
public static class TalosReader
{
    public static void Read(RepoFiles repo, ProblemLog problems, ClusterFacts facts) => Read(repo, problems, facts, TalosScope.Whole);

    /// <summary>Reads the Talos files of one cluster of the repo (<see cref="TalosScope"/>).</summary>
    internal static void Read(RepoFiles repo, ProblemLog problems, ClusterFacts facts, TalosScope scope)
    {
        var warned = new HashSet<string>(StringComparer.Ordinal);
        var scan = TalosFiles.RepoScan.Of(repo);
        var files = TalosFiles.Candidates(repo, scan).Where(f => scope.Includes(f, problems, warned)).ToList();
        var machines = new List<TalosMachine>();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var talconfig in files.Where(TalosFiles.IsTalconfig))
        {
            var patches = new TalhelperPatches(repo, problems, talconfig);
            machines.AddRange(Talconfig.Read(repo, problems, talconfig, patches));
            referenced.UnionWith(patches.Referenced);
        }

        var clusterPatches = new List<MachineConfig>();
        foreach (var file in files.Where(f => !TalosFiles.IsTalconfig(f) && !TalosFiles.IsTalhelperData(f) && !referenced.Contains(f)))
        {
            // The scan looks at every file; only one that holds Talos config is taken as such (and its problems reported).
            if (repo.Quietly(() => TalosFiles.Read(repo, problems, file)) is not { } documents || !documents.Any(d => TalosShapes.IsTalos(d.Root))) continue;
            repo.Report(file);
            if (documents.Any(d => TalosShapes.IsSecretsBundle(d.Root))) continue;
            if (TalosConfigFile.Machine(file, documents) is { } machine) machines.Add(machine);
            else if (TalosConfigFile.Patch(file, documents, problems.Warning) is { } patch)
            {
                if (TalosConfigFile.NodePatch(file, patch) is { } node) machines.Add(node);
                else clusterPatches.Add(patch);
            }
        }
        // What was read as YAML above (talconfig patches, plain-YAML templates) is no template to warn about.
        TalosFiles.WarnTemplates(repo, problems, scan, referenced.Concat(files).ToHashSet(StringComparer.Ordinal), f => scope.Includes(f, problems, warned));

        var nodes = AddMachines(facts, machines, problems);
        AddClusterPatches(facts, clusterPatches, nodes, problems);
    }

    private static List<NodeFact> AddMachines(ClusterFacts facts, IEnumerable<TalosMachine> machines, ProblemLog problems)
    {
        var nodes = new List<NodeFact>();
        foreach (var machine in machines)
        {
            // Control-plane settings are read from any config that may be a control plane.
            if (machine.ControlPlane is not { IsKnown: true, Value: false })
                TalosSettings.AddControlPlane(facts, machine.Config, machine.LookedIn, problems.Error);
            TalosSettings.AddKubePrism(facts, machine.Config, machine.LookedIn, problems.Error);
            // The same host from a talconfig and a committed generated config is one node.
            if (machine.Name is null || nodes.Any(n => n.Name == machine.Name)) continue;
            nodes.Add(new NodeFact(machine.Name, machine.ControlPlane, machine.Evidence)
            {
                Taints = TalosSettings.Taints(machine.Config),
                Architecture = machine.Architecture,
            });
        }
        facts.Nodes.AddRange(nodes);
        return nodes;
    }

    /// <summary>A patch on its own applies to the whole cluster: its settings are facts, its taints go to every node.</summary>
    private static void AddClusterPatches(ClusterFacts facts, IEnumerable<MachineConfig> patches, IReadOnlyList<NodeFact> nodes, ProblemLog problems)
    {
        foreach (var patch in patches)
        {
            TalosSettings.AddControlPlane(facts, patch, lookedIn: null, problems.Error);
            TalosSettings.AddKubePrism(facts, patch, lookedIn: null, problems.Error);
            foreach (var taint in TalosSettings.Taints(patch))
                foreach (var node in nodes)
                    TalosSettings.AddOnce(node.Taints, taint);
        }
    }
}
