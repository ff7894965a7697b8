using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Rules;

public sealed class HL_OBS_001_CollectorDeployed : Rule
{
    public override string Id => "HL-OBS-001";
    public override string Title => "The OpenTelemetry collector is deployed with its config";
    public override string Claim(ArchitectureSpec spec) => "Grafana Alloy runs as the cluster's OpenTelemetry collector, with its pipeline config present.";
    public override string Remediation => "Deploy the collector (the grafana `alloy` chart) and give it a config (`alloy.configMap` pointing at a ConfigMap holding `config.alloy`).";
    public override Area Area => Area.Observability;
    public override IReadOnlyList<string> DocsKeys => ["observability.collector"];
    public override IReadOnlyList<string> Reads => ["DaemonSet", "Deployment", "StatefulSet", "ConfigMap"];

    public override IEnumerable<Finding> Check(ArchitectureSpec spec, ClusterFacts facts)
    {
        var wanted = spec.Observability.Collector;
        var collectors = facts.Collectors.Where(c => c.Product == wanted).ToList();
        if (collectors.Count == 0)
        {
            yield return Finding.Fail(new AbsenceEvidence($"{wanted} deployment", facts.Source), $"{wanted} is not deployed", wanted, "absent");
            yield break;
        }
        foreach (var collector in collectors)
            yield return (collector switch
            {
                { Unsure: { } why } => Finding.Inconclusive(collector.Evidence, $"{collector.Id} is declared, but whether it runs with its config is not known: {why}"),
                { Config: { } config } => Finding.Pass(config, $"{collector.Id} has its config"),
                // Named but not there: say which ConfigMap, so a tree not read makes it inconclusive, not absent.
                { MissingConfig: var (configMap, key, namedAt) } => Finding.Fail(namedAt,
                        $"{collector.Id} takes its config from {configMap} (key {key}), which does not exist", $"{configMap} with {key}", "absent")
                    with { Missing = new MissingObject("ConfigMap", $"{collector.Id} config {configMap}") },
                _ => Finding.Fail(collector.Evidence, $"{collector.Id} has no pipeline config", "a config", "none"),
            }).On(collector.Id);
    }
}
