using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Spec;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Rules;

/// <summary>
/// Requirements the spec turns off (fixtures/not-applicable): their rules are not applicable, with
/// the spec key as evidence, never a pass; the run stays conformant and decided; waivers of such a
/// rule are treated as waivers of a passing one.
/// </summary>
public sealed class NotApplicableTests
{
    private static string Folder => Path.Combine(FixtureAudit.Fixtures, "not-applicable");

    public static string Spec => Path.Combine(Folder, "architecture.yaml");

    private static readonly Lazy<AuditResult> Audit = new(() => Run(SpecLoader.Load(Spec)));

    /// <summary>The conforming repo with the overlay that keeps kube-proxy, as the spec now asks.</summary>
    public static AuditResult Run(ArchitectureSpec spec, DateOnly? today = null)
    {
        using var repo = FixtureCopy.Build(Path.Combine(FixtureAudit.Fixtures, "homelab"), [], Path.Combine(Folder, "overlay"));
        // Without the fixture's docs, which state the reference architecture and so differ from this spec (HL-DOC-001's case, not these).
        Directory.Delete(repo.Full("docs"), recursive: true);
        return Auditor.Run(spec, RepoReader.Read(new RepoOptions(repo.Root)), today ?? FixtureAudit.Today);
    }

    public static TheoryData<string, string, int, int, string> TurnedOff => new()
    {
        { "HL-NET-002", "network.kubeProxy", 25, 14, "the spec keeps kube-proxy, so nothing needs to replace it" },
        { "HL-NET-004", "network.l2LoadBalancing", 26, 20, "the spec asks for no L2 load balancing" },
        { "HL-NET-005", "network.networkPolicies", 28, 5, "the spec asks for no network policies, cluster-wide or node-level" },
    };

    [Theory]
    [MemberData(nameof(TurnedOff))]
    public void A_requirement_the_spec_turns_off_is_not_applicable_with_the_key_as_evidence(string ruleId, string key, int line, int column, string message)
    {
        var result = Audit.Value[ruleId];

        result.Outcome.Should().Be(Outcome.NotApplicable, string.Join(Environment.NewLine, result.Findings));
        var finding = result.Findings.Should().ContainSingle().Subject;
        finding.Should().Be(new Finding(Outcome.NotApplicable, message, new SpecEvidence("architecture.yaml", line, column, key)));
        finding.ToString().Should().Be($"architecture.yaml:{line} ({key}): {message}");
    }

    [Fact]
    public void A_key_left_out_is_evidenced_as_absent_from_the_spec()
    {
        var result = Audit.Value["HL-OBS-003"];

        result.Outcome.Should().Be(Outcome.NotApplicable);
        result.Findings.Should().Equal(Finding.NotApplicable(new AbsenceEvidence("observability.destination", "architecture.yaml"),
            "the spec names no destination for the telemetry"));
    }

    [Fact]
    public void Not_applicable_rules_leave_the_run_conformant_and_decided()
    {
        var audit = Audit.Value;

        audit.Results.Where(r => r.Outcome != Outcome.NotApplicable).Should().AllSatisfy(r =>
            r.Outcome.Should().Be(Outcome.Pass, $"{r.Rule.Id}: {string.Join("; ", r.Findings)}"));
        audit.Results.Count(r => r.Outcome == Outcome.NotApplicable && r.Rule.Area != Area.Docs).Should().Be(4);
        audit.Conformant.Should().BeTrue();
        audit.FullyDecided.Should().BeTrue("--strict asks that nothing is left undecided; the spec decided these");
    }

    [Fact]
    public void The_reference_spec_turns_nothing_off()
    {
        FixtureAudit.Conforming.Results.Should().NotContain(r => r.Outcome == Outcome.NotApplicable);
    }

    [Fact]
    public void An_active_waiver_of_a_rule_that_does_not_apply_waives_nothing()
    {
        var audit = Run(WithWaiver("2026-12-31"));

        audit["HL-NET-002"].Outcome.Should().Be(Outcome.NotApplicable);
        audit["HL-NET-002"].Waiver!.Reason.Should().Be("kube-proxy until the cut-over");
        audit.Problems.Should().BeEmpty();
    }

    [Fact]
    public void An_expired_waiver_of_a_rule_that_does_not_apply_is_a_warning_to_remove_it()
    {
        var audit = Run(WithWaiver("2026-05-01"));

        audit["HL-NET-002"].Outcome.Should().Be(Outcome.NotApplicable);
        var problem = audit.Problems.Should().ContainSingle().Subject;
        problem.Severity.Should().Be(Severity.Warning);
        problem.Cause.Should().Be("the waiver for HL-NET-002 expired on 2026-05-01 and the spec turns the rule off: remove it");
        audit.Conformant.Should().BeTrue();
    }

    private static ArchitectureSpec WithWaiver(string expires) => SpecLoader.Parse(Spec, File.ReadAllText(Spec).Replace("waivers: []",
        $"waivers:\n  - {{rule: HL-NET-002, reason: kube-proxy until the cut-over, expires: {expires}}}\n", StringComparison.Ordinal));
}
