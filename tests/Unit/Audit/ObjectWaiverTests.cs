using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Audit;

/// <summary>
/// Waivers of one object (<c>object: Kind/namespace/name</c>): over a repo where two Ceph pools
/// break HL-STO-001 (the CephFS data pool keeps 5 copies, the object store is EC 4+2), a waiver
/// of the filesystem waives its finding only, and the rule still fails for the object store.
/// </summary>
public sealed class ObjectWaiverTests : IDisposable
{
    private const string Cluster = "infrastructure/controllers/rook-ceph/cluster.yaml";
    private const string Filesystem = "CephFilesystem/rook-ceph/ceph-filesystem";
    private const string ObjectStore = "CephObjectStore/rook-ceph/ceph-objectstore";
    private static readonly DateOnly Today = new(2026, 11, 25);
    private readonly TempRepo _repo = ViolationCase.Load(Path.Combine(ViolationCase.Root, "HL-STO-001-filesystem-size-5")).Materialise();

    public void Dispose() => _repo.Dispose();

    public ObjectWaiverTests()
    {
        var cluster = File.ReadAllText(_repo.Full(Cluster));
        _repo.Write(Cluster, cluster.Replace("dataChunks: 2", "dataChunks: 4", StringComparison.Ordinal).Replace("codingChunks: 1", "codingChunks: 2", StringComparison.Ordinal));
    }

    private AuditResult Audit(string waivers)
    {
        _repo.Write("architecture.yaml", File.ReadAllText(FixtureAudit.Spec).Replace("waivers: []", waivers.Length == 0 ? "waivers: []" : "waivers:\n" + waivers, StringComparison.Ordinal));
        return FixtureAudit.Run(_repo.Root, _repo.Full("architecture.yaml"), Today);
    }

    private static string Waiver(string obj, string expires = "2026-12-31") =>
        $"  - {{rule: HL-STO-001, object: {obj}, reason: resized after the migration, expires: {expires}}}\n";

    private static Finding On(AuditResult audit, string obj, Outcome outcome) =>
        audit["HL-STO-001"].Findings.Should().ContainSingle(f => f.Subject!.Path == obj && f.Outcome == outcome).Subject;

    [Fact]
    public void Both_pools_fail_without_a_waiver()
    {
        var audit = Audit("");

        audit["HL-STO-001"].Failures.Select(f => f.Subject!.Path).Should().BeEquivalentTo([Filesystem, ObjectStore]);
    }

    [Fact]
    public void A_waiver_of_one_object_waives_its_finding_and_the_rule_still_fails_for_the_other()
    {
        var audit = Audit(Waiver(Filesystem));

        var rule = audit["HL-STO-001"];
        rule.Outcome.Should().Be(Outcome.Fail);
        rule.Waiver.Should().BeNull("no waiver names the whole rule");
        var waived = On(audit, Filesystem, Outcome.Waived);
        waived.Message.Should().Be("pool ceph-filesystem-data0 (CephFilesystem rook-ceph/ceph-filesystem) replicated size is 5");
        waived.Waiver!.Object.Should().Be(new ObjectRef("CephFilesystem", "rook-ceph", "ceph-filesystem"));
        On(audit, ObjectStore, Outcome.Fail).Message.Should().Be("pool ceph-objectstore-data (CephObjectStore rook-ceph/ceph-objectstore) data+coding chunks is 6");
        audit.Problems.Should().BeEmpty();
        audit.Conformant.Should().BeFalse();
    }

    [Fact]
    public void Waivers_of_every_failing_object_waive_the_rule()
    {
        var audit = Audit(Waiver(Filesystem) + Waiver(ObjectStore));

        audit["HL-STO-001"].Outcome.Should().Be(Outcome.Waived);
        audit["HL-STO-001"].Failures.Should().BeEmpty();
        audit.Conformant.Should().BeTrue();
    }

    [Fact]
    public void An_expired_object_waiver_leaves_its_finding_failing_and_says_so()
    {
        var audit = Audit(Waiver(Filesystem, expires: "2026-11-01") + Waiver(ObjectStore));

        audit["HL-STO-001"].Outcome.Should().Be(Outcome.Fail);
        audit["HL-STO-001"].Findings.Should().ContainSingle(f => f.Subject!.Path == Filesystem && f.Waiver != null)
            .Which.Should().Match<Finding>(f => f.Outcome == Outcome.Fail && f.Message.EndsWith("replicated size is 5", StringComparison.Ordinal) && f.Waiver!.IsExpired(Today));
        audit["HL-STO-001"].Findings.Should().Contain(f => f.Outcome == Outcome.Fail
            && f.Message == "the waiver for HL-STO-001 on CephFilesystem rook-ceph/ceph-filesystem expired on 2026-11-01 (resized after the migration)");
        On(audit, ObjectStore, Outcome.Waived);
    }

    [Fact]
    public void An_object_waiver_matching_no_finding_is_a_warning_naming_its_line()
    {
        var audit = Audit(Waiver("CephFilesystem/rook-ceph/ceph-filesytem"));

        var problem = audit.Problems.Should().ContainSingle().Subject;
        problem.Severity.Should().Be(Severity.Warning);
        problem.Cause.Should().Be("the waiver for HL-STO-001 on CephFilesystem rook-ceph/ceph-filesytem matches no finding here: HL-STO-001 judges no such object (check its kind, namespace and name)");
        problem.Where.RepoPlace().Should().Match<RepoEvidence>(e => e.File == "architecture.yaml" && e.Line == 55);
        audit["HL-STO-001"].Findings.Should().NotContain(f => f.Outcome == Outcome.Waived);
    }

    [Fact]
    public void An_expired_waiver_of_an_object_that_passes_is_a_warning_to_remove_it()
    {
        var audit = Audit(Waiver("CephBlockPool/rook-ceph/ceph-blockpool", expires: "2026-11-01"));

        audit.Problems.Should().ContainSingle().Which.Cause
            .Should().Be("the waiver for HL-STO-001 on CephBlockPool rook-ceph/ceph-blockpool expired on 2026-11-01 and the object passes here: remove it once it passes everywhere");
    }

    [Theory]
    [InlineData("CephFilesystem")]
    [InlineData("a/b/c/d")]
    [InlineData("CephFilesystem//ceph-filesystem")]
    public void An_object_not_of_the_form_Kind_namespace_name_is_a_spec_error_at_its_line(string obj)
    {
        var load = () => Audit(Waiver(obj));

        load.Should().Throw<SpecException>().Which.Message.Should()
            .Contain($"line 55: waivers[0].object: '{obj}' is not Kind/namespace/name (or Kind/name for a cluster-scoped object)");
    }
}
