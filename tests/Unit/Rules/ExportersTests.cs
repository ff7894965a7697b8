using Homelab.Conformance.Documents;
using Homelab.Conformance.Extraction;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Tests.Rules;

/// <summary>Where an Alloy config exports to (HL-OBS-003's facts), each address at its own line.</summary>
public sealed class ExportersTests
{
    [Fact]
    public void Endpoints_and_urls_are_read_with_their_lines_and_expressions_are_not_known()
    {
        var config = new ScalarNode(new RepoEvidence("config.alloy", 1, 1, ""), """
            prometheus.remote_write "cloud" {
              endpoint {
                url = "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push"
              }
            }
            otelcol.exporter.otlphttp "cloud" {
              client {
                endpoint = sys.env("OTLP_ENDPOINT")
              }
            }
            """);

        var endpoints = Exporters.InAlloyConfig(config, config.Origin).ToList();

        endpoints.Should().HaveCount(2);
        endpoints[0].Value.Should().Be("https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push");
        endpoints[0].Evidence.Should().Be(new RepoEvidence("config.alloy", 3, 1, ""));
        endpoints[1].IsKnown.Should().BeFalse();
        endpoints[1].Unknown.Should().Be("endpoint is set by the expression sys.env(\"OTLP_ENDPOINT\")");
    }
}
