using Homelab.Conformance.Rules;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Audit;

/// <summary>
/// The network and observability rules name the install they judge (Cilium's HelmRelease, the
/// collector's), so an object waiver of that release waives its findings, as one of a Ceph pool does.
/// </summary>
public sealed class InstallWaiverTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("HL-NET-002-replacement-off", "HL-NET-002", "HelmRelease/kube-system/cilium")]
    [InlineData("HL-NET-005-host-firewall-off", "HL-NET-005", "HelmRelease/kube-system/cilium")]
    [InlineData("HL-OBS-003-exports-elsewhere", "HL-OBS-003", "HelmRelease/observability/alloy")]
    [InlineData("HL-OBS-001-config-map-name-mismatch", "HL-OBS-001", "HelmRelease/observability/alloy")]
    public void A_waiver_of_the_release_waives_what_the_rule_found_on_it(string violation, string rule, string release)
    {
        using var repo = ViolationCase.Load(Path.Combine(ViolationCase.Root, violation)).Materialise();
        var spec = File.ReadAllText(FixtureAudit.Spec).Replace("waivers: []",
            $"waivers:\n  - {{rule: {rule}, object: {release}, reason: being replaced, expires: 2026-12-31}}", StringComparison.Ordinal);
        repo.Write("architecture.yaml", spec);

        var before = FixtureAudit.Run(repo.Root, FixtureAudit.Spec, Today)[rule];
        var after = FixtureAudit.Run(repo.Root, repo.Full("architecture.yaml"), Today)[rule];

        before.Outcome.Should().Be(Outcome.Fail);
        before.Failures.Should().NotBeEmpty().And.OnlyContain(f => f.Subject!.Path == release, "every failure is on the release");
        after.Outcome.Should().Be(Outcome.Waived, string.Join("; ", after.Findings));
    }
}
