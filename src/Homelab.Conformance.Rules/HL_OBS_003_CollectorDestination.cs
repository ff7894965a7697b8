using Homelab.Conformance.Facts;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_OBS_003_CollectorDestination : Rule
{
    public override string Id => "HL-OBS-003";
    public override string Title => "The collector ships to the spec's destination";
    public override string Claim(ArchitectureSpec spec) => spec.Observability.Destination is { } destination
        ? $"Alloy exports the cluster's telemetry to the spec's destination ({Destinations.Describe(destination)})."
        : "Alloy exports the cluster's telemetry to the spec's destination.";
    public override string Remediation =>
        "Point an exporter of the collector's config (`otelcol.exporter.otlphttp` `endpoint`, `prometheus.remote_write` or `loki.write` `url`) at the destination.";
    public override Area Area => Area.Observability;
    public override IReadOnlyList<string> DocsKeys => ["observability.destination"];
    public override IReadOnlyList<string> Reads => ["DaemonSet", "Deployment", "StatefulSet", "ConfigMap"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        if (spec.Observability.Destination is not { } destination)
        {
            yield return Finding.NotApplicable(spec.Where("observability.destination"), "the spec names no destination for the telemetry");
            yield break;
        }
        var collectors = facts.Collectors.Where(c => c.Product == spec.Observability.Collector).ToList();
        if (collectors.Count == 0)
        {
            yield return Finding.NothingFound($"{spec.Observability.Collector} with a destination", facts.Source);
            yield break;
        }
        var domain = Destinations.Domain(destination);
        foreach (var collector in collectors)
            foreach (var finding in Exports(collector, destination, domain))
                yield return finding.On(collector.Id);
    }

    /// <summary>Where one collector's config sends the telemetry, against the destination.</summary>
    private static IEnumerable<Finding> Exports(CollectorFact collector, string destination, string domain)
    {
        if (collector.Config is null)
        {
            yield return Finding.Inconclusive(collector.Evidence, $"{collector.Id} has no config to read its exporters from");
            yield break;
        }
        var known = collector.Endpoints.Where(e => e.IsKnown).ToList();
        var arriving = known.Where(e => Host(e.Value) is { } host && (host == domain || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))).ToList();
        foreach (var endpoint in arriving)
            yield return Finding.Pass(endpoint.Evidence, $"{collector.Id} exports to {endpoint.Value}");
        if (arriving.Count > 0) yield break;
        foreach (var endpoint in collector.Endpoints.Where(e => !e.IsKnown))
            yield return Finding.Inconclusive(endpoint.Evidence, $"{collector.Id} exports to an address not known offline: {endpoint.Unknown}");
        foreach (var endpoint in known)
            yield return Finding.Fail(endpoint.Evidence, $"{collector.Id} exports to {endpoint.Value}, not to {destination}", domain, Host(endpoint.Value) ?? endpoint.Value);
        if (collector.Endpoints.Count == 0)
            yield return Finding.Fail(collector.Config, $"{collector.Id} exports nowhere: its config has no exporter endpoint", domain, "none");
    }

    private static string? Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
}
