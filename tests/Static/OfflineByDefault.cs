using System.Runtime.CompilerServices;

namespace Homelab.Static.Tests;

/// <summary>
/// Every test runs offline (HOMELAB_OFFLINE=1, inherited by the CLI processes tests start): chart
/// defaults come from the embedded data, and no request leaves the machine. The chart-fetching
/// tests turn it off explicitly, for their loopback servers only.
/// </summary>
internal static class OfflineByDefault
{
    [ModuleInitializer]
    internal static void Set() => Environment.SetEnvironmentVariable("HOMELAB_OFFLINE", "1");
}
