using System.Text.Json.Nodes;
using k8s;

namespace Homelab.Seed;

/// <summary>
/// Seeds a throwaway cluster from a fixtures/live folder: the CRDs (waiting until they are
/// served), the conforming objects with their status, then a violation scenario over them and
/// back again. Without <paramref name="seedNodes"/> (a cluster whose kubelet registers its own
/// Nodes, as k3s), the conforming Nodes are left out.
/// </summary>
public sealed class Seeder(Kubernetes client, string liveFixtures, bool seedNodes = true)
{
    private readonly ApiWriter _writer = new(client);

    public IReadOnlyList<JsonObject> Conforming { get; } = LiveFixtures.Read(Path.Combine(liveFixtures, "conforming"))
        .Where(o => seedNodes || o["kind"]?.GetValue<string>() != "Node").ToList();

    public IEnumerable<LiveScenario> Scenarios => LiveScenario.All(liveFixtures);

    public async Task SeedAsync(CancellationToken cancel)
    {
        var crds = LiveFixtures.Read(Path.Combine(liveFixtures, "crds"));
        foreach (var crd in crds) await _writer.CreateOrReplaceAsync(crd, cancel);
        foreach (var crd in crds)
        {
            var group = crd["spec"]!["group"]!.GetValue<string>();
            var version = crd["spec"]!["versions"]![0]!["name"]!.GetValue<string>();
            var kind = crd["spec"]!["names"]!["kind"]!.GetValue<string>();
            for (var i = 0; !await _writer.ServesAsync($"{group}/{version}", kind, cancel); i++)
            {
                if (i > 100) throw new TimeoutException($"the CRD for {kind} was not served within 10 s");
                await Task.Delay(100, cancel);
            }
        }
        foreach (var o in Conforming) await _writer.CreateOrReplaceAsync(o, cancel);
    }

    public async Task ApplyAsync(LiveScenario scenario, CancellationToken cancel)
    {
        foreach (var (kind, ns, name) in scenario.Delete)
        {
            var original = Find(kind, ns, name) ?? throw new InvalidDataException($"{scenario.Name} deletes {kind} {ns}/{name}, which conforming/ does not hold");
            await _writer.DeleteAsync(original["apiVersion"]!.GetValue<string>(), kind, ns, name, cancel);
        }
        foreach (var o in scenario.Apply) await _writer.CreateOrReplaceAsync(o, cancel);
    }

    /// <summary>Puts the conforming objects back and removes what the scenario added.</summary>
    public async Task RestoreAsync(LiveScenario scenario, CancellationToken cancel)
    {
        foreach (var o in scenario.Apply)
        {
            var key = LiveFixtures.Key(o);
            var original = Conforming.FirstOrDefault(c => LiveFixtures.Key(c) == key);
            if (original is not null) await _writer.CreateOrReplaceAsync(original, cancel);
            else await _writer.DeleteAsync(o["apiVersion"]!.GetValue<string>(), o["kind"]!.GetValue<string>(),
                o["metadata"]?["namespace"]?.GetValue<string>(), o["metadata"]!["name"]!.GetValue<string>(), cancel);
        }
        foreach (var (kind, ns, name) in scenario.Delete)
            if (Find(kind, ns, name) is { } original) await _writer.CreateOrReplaceAsync(original, cancel);
    }

    /// <summary>Writes any manifest file (e.g. the read-only RBAC of deploy/).</summary>
    public async Task ApplyFileAsync(string file, CancellationToken cancel)
    {
        foreach (var o in LiveFixtures.ReadFile(file)) await _writer.CreateOrReplaceAsync(o, cancel);
    }

    private JsonObject? Find(string kind, string? ns, string name) =>
        Conforming.FirstOrDefault(o => o["kind"]!.GetValue<string>() == kind
            && o["metadata"]!["name"]!.GetValue<string>() == name
            && o["metadata"]?["namespace"]?.GetValue<string>() == ns);
}
