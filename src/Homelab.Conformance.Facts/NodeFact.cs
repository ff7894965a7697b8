using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Facts;

public sealed record Taint(string Key, string? Value, string Effect)
{
    public override string ToString() => Value is null ? $"{Key}:{Effect}" : $"{Key}={Value}:{Effect}";
}

/// <summary>A cluster node as declared (Talos config) or observed (Node object).</summary>
public sealed record NodeFact(string Name, Fact<bool> ControlPlane, Evidence Evidence)
{
    public List<Fact<Taint>> Taints { get; init; } = [];

    /// <summary>Whether <see cref="Taints"/> is every taint the node carries, as a running node shows them.</summary>
    public Listing TaintListing { get; init; } = Listing.Partial("a declaration names the taints it adds, not those Talos and Kubernetes add themselves");

    public Fact<string>? Architecture { get; init; }
    public Fact<string>? OperatingSystem { get; init; }
    public Fact<long>? CpuCores { get; init; }
    public Fact<long>? MemoryBytes { get; init; }
    public Fact<bool>? Ready { get; init; }
}
