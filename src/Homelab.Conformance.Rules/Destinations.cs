namespace Homelab.Conformance.Rules;

/// <summary>
/// Where the spec sends telemetry (<c>observability.destination</c>): <c>grafana-cloud</c> is Grafana
/// Cloud, whose endpoints are all under grafana.net; any other value is the endpoints' domain.
/// </summary>
internal static class Destinations
{
    private const string GrafanaCloud = "grafana-cloud";

    public static string Domain(string destination) => destination == GrafanaCloud ? "grafana.net" : destination;

    /// <summary>The destination as a claim names it: "Grafana Cloud", a domain, or "its destination" when the spec names none.</summary>
    public static string Name(string? destination) => destination switch
    {
        null => "its destination",
        GrafanaCloud => "Grafana Cloud",
        _ => destination,
    };

    /// <summary>What arriving there means: "Grafana Cloud: an endpoint under grafana.net".</summary>
    public static string Describe(string destination) =>
        destination == GrafanaCloud ? $"Grafana Cloud: an endpoint under {Domain(destination)}" : $"an endpoint under {destination}";
}
