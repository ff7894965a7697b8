using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// One machine the repo configures: a talconfig node or a full machine config file, with its
/// effective config. <see cref="Name"/> is null for a config that names no host (the
/// <c>controlplane.yaml</c> of <c>talosctl gen config</c>): it still carries settings.
/// </summary>
internal sealed record TalosMachine(string? Name, Evidence Evidence, Fact<bool> ControlPlane, MachineConfig Config, string LookedIn)
{
    public Fact<string>? Architecture { get; init; }
}
