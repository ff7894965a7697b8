using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Audit;

/// <summary>Waivers from the spec: active, expired on a failing rule, expired on a passing one, and for a rule that does not exist.</summary>
public sealed class WaiverTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private readonly TempRepo _spec = new();

    public void Dispose() => _spec.Dispose();

    private AuditResult Audit(string waivers)
    {
        _spec.Write("architecture.yaml", File.ReadAllText(FixtureAudit.Spec).Replace("waivers: []", waivers, StringComparison.Ordinal));
        using var repo = ViolationCase.Load(Path.Combine(ViolationCase.Root, "HL-STO-002-two-mons")).Materialise();
        return FixtureAudit.Run(repo.Root, _spec.Full("architecture.yaml"), Today);
    }

    [Fact]
    public void An_active_waiver_waives_a_failing_rule()
    {
        var audit = Audit("waivers:\n  - {rule: HL-STO-002, reason: two mons until the fourth disk, expires: 2026-12-31}\n");

        audit["HL-STO-002"].Outcome.Should().Be(Outcome.Waived);
        audit.Conformant.Should().BeTrue();
    }

    [Fact]
    public void An_expired_waiver_leaves_the_rule_failing_and_says_so()
    {
        var audit = Audit("waivers:\n  - {rule: HL-STO-002, reason: two mons until the fourth disk, expires: 2026-11-01}\n");

        audit["HL-STO-002"].Outcome.Should().Be(Outcome.Fail);
        audit["HL-STO-002"].Findings.Should().Contain(f => f.Message == "the waiver for HL-STO-002 expired on 2026-11-01 (two mons until the fourth disk)");
        audit.Conformant.Should().BeFalse();
    }

    [Fact]
    public void An_expired_waiver_of_a_passing_rule_is_a_warning_to_remove_it()
    {
        var audit = Audit("waivers:\n  - {rule: HL-CP-001, reason: migrating talos-3, expires: 2026-11-01}\n");

        audit["HL-CP-001"].Outcome.Should().Be(Outcome.Pass);
        var problem = audit.Problems.Should().ContainSingle().Subject;
        problem.Severity.Should().Be(Severity.Warning);
        problem.Cause.Should().Be("the waiver for HL-CP-001 expired on 2026-11-01 and the rule passes here: remove it once it passes everywhere");
        problem.Where.RepoPlace()!.File.Should().Be("architecture.yaml");
    }

    [Fact]
    public void A_waiver_for_a_rule_that_does_not_exist_is_an_error()
    {
        var audit = Audit("waivers:\n  - {rule: HL-XYZ-999, reason: typo, expires: 2027-01-01}\n");

        audit.Problems.Should().ContainSingle(p => p.Severity == Severity.Error && p.Cause == "waiver names rule 'HL-XYZ-999', which does not exist");
        audit.Conformant.Should().BeFalse();
    }
}
