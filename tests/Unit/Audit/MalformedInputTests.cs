using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Audit;

/// <summary>A repo with a broken file: the file and line are reported, and every rule still runs.</summary>
public sealed class MalformedInputTests
{
    [Fact]
    public void A_malformed_yaml_file_Flux_applies_is_reported_with_its_line_and_every_rule_still_runs()
    {
        using var repo = FixtureAudit.CopyOfConforming();
        repo.Write("infrastructure/configs/broken.yaml", Broken);
        repo.Write("infrastructure/configs/kustomization.yaml",
            File.ReadAllText(repo.Full("infrastructure/configs/kustomization.yaml")).Replace("  - cilium-l2.yaml\n", "  - cilium-l2.yaml\n  - broken.yaml\n", StringComparison.Ordinal));

        var audit = FixtureAudit.Run(repo.Root, FixtureAudit.Spec);

        var problem = audit.Problems.Should().ContainSingle(p => p.Severity == Severity.Error).Subject;
        problem.Where.RepoPlace().Should().Match<RepoEvidence>(at => at.File == "infrastructure/configs/broken.yaml" && at.Line == 4);
        problem.Cause.Should().StartWith("invalid YAML");
        audit.Conformant.Should().BeFalse("an unreadable file makes the run non-conformant");
        audit.Results.Select(r => r.Rule.Id).Should().BeEquivalentTo(
            RuleCatalogue.All.Where(r => r.Origins.Contains(FactOrigin.Repo)).Select(r => r.Id));
    }

    [Fact]
    public void A_malformed_yaml_file_nothing_reads_is_not_a_problem_of_the_cluster()
    {
        using var repo = FixtureAudit.CopyOfConforming();
        repo.Write("infrastructure/configs/broken.yaml", Broken);

        var audit = FixtureAudit.Run(repo.Root, FixtureAudit.Spec);

        audit.Problems.Should().BeEmpty("no kustomization lists it, so Flux never reads it");
        audit.Results.Should().AllSatisfy(r => r.Outcome.Should().Be(FixtureAudit.Conforming[r.Rule.Id].Outcome, $"{r.Rule.Id} judges the repo as before"));
    }

    private const string Broken = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: "broken
        data: {}
        """;
}
