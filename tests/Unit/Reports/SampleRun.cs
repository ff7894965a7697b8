using System.Security.Cryptography;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Reports;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Reports;

/// <summary>
/// The runs the report tests write. <see cref="Mixed"/> is a real static audit of the fixture repo
/// with three violation overlays (HL-STO-002 fails; HL-NET-001 fails under an active waiver;
/// HL-GIT-002 fails under a waiver that expired), plus a hand-made live side that the fixtures
/// cannot give offline: a fail on a live object, a waived fail, an inconclusive, a not applicable,
/// an error, a problem and a drift item. <see cref="Conforming"/> is the plain fixture repo.
/// </summary>
public static class SampleRun
{
    public const string FailingFile = "infrastructure/controllers/rook-ceph/cluster.yaml";
    public const int FailingLine = 31;
    public const string ActiveExpiry = "2026-12-31";
    public const string ExpiredOn = "2026-01-15";

    /// <summary>The live side of HL-NET-002 is not applicable: the spec key that turns it off, and why.</summary>
    public static readonly SpecEvidence NotApplicableAt = new("architecture.yaml", 24, 14, "network.kubeProxy");
    public const string NotApplicableWhy = "the spec keeps kube-proxy, so nothing needs to replace it";

    private static readonly string[] Overlays = ["HL-STO-002-two-mons", "HL-NET-001-proxy-enabled", "HL-GIT-002-depends-on-typo"];

    private static readonly Lazy<ResultsDocument> MixedRun = new(BuildMixed);
    private static readonly Lazy<ResultsDocument> ConformingRun = new(BuildConforming);

    public static ResultsDocument Mixed => MixedRun.Value;

    public static ResultsDocument Conforming => ConformingRun.Value;

    private static ResultsDocument BuildConforming()
    {
        var repo = Path.Combine(FixtureAudit.Fixtures, "homelab");
        var run = new RunReport("20260601T080000Z", new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(0.4), Metadata(FixtureAudit.Spec, repo))
        {
            Static = FixtureAudit.Conforming,
            Today = FixtureAudit.Today,
        };
        return ResultsDocument.From(run);
    }

    private static ResultsDocument BuildMixed()
    {
        using var repo = ViolationCase.Load(Path.Combine(ViolationCase.Root, Overlays[0])).Materialise();
        foreach (var name in Overlays.Skip(1))
            Copy(Path.Combine(ViolationCase.Root, name, "overlay"), repo.Root);
        var specPath = Path.Combine(repo.Root, "architecture.yaml");
        File.WriteAllText(specPath, File.ReadAllText(FixtureAudit.Spec).Replace("waivers: []", $"""
            waivers:
              - rule: HL-NET-001
                reason: kube-proxy stays until the Cilium cut-over
                expires: {ActiveExpiry}
              - rule: HL-GIT-002
                reason: the infra-config rename lands next sprint
                expires: {ExpiredOn}
            """, StringComparison.Ordinal));
        var spec = SpecLoader.Load(specPath);
        var run = new RunReport("20260601T090000Z", new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(2.5), Metadata(specPath, repo.Root) with
        {
            ClusterServer = "https://10.0.40.10:6443",
            ClusterVersion = "v1.32.3",
        })
        {
            Static = FixtureAudit.Run(repo.Root, specPath),
            Live = Live(spec),
            Drift = [new DriftItem("rook-ceph mon count", "2", new RepoEvidence(FailingFile, FailingLine, 20, "spec.values.cephClusterSpec.mon.count"),
                "3", new LiveEvidence("CephCluster", "rook-ceph", "rook-ceph", "spec.mon.count"))],
            Today = FixtureAudit.Today,
        };
        // The document keeps only repo-relative paths, so the temp repo can go once it is made.
        return ResultsDocument.From(run);
    }

    /// <summary>A live side of each outcome, built by hand: the fixtures' live cluster needs a real API server.</summary>
    private static AuditResult Live(ArchitectureSpec spec)
    {
        static RuleResult Result(string id, params Finding[] findings) =>
            new(RuleCatalogue.Find(id)!, RuleResult.Combine(findings), findings, TimeSpan.FromMilliseconds(3));
        var results = new[]
        {
            Result("HL-CP-001", Finding.Pass(new LiveEvidence("Node", null, "talos-1", "metadata.labels"), "talos-1 is a control plane")),
            Result("HL-STO-002", Finding.Fail(new LiveEvidence("CephCluster", "rook-ceph", "rook-ceph", "spec.mon.count"), "rook-ceph mon count is 2", "3", "2")),
            Result("HL-NET-001", Finding.Fail(new LiveEvidence("DaemonSet", "kube-system", "kube-proxy", ""), "kube-proxy DaemonSet is deployed", "absent", "present")),
            Result("HL-NODE-002", Finding.Inconclusive(new AbsenceEvidence("Node", "cluster"), "Node could not be read: forbidden")),
            Result("HL-NET-002", Finding.NotApplicable(NotApplicableAt, NotApplicableWhy)),
            new RuleResult(RuleCatalogue.Find("HL-GIT-004")!, Outcome.Error,
                [new Finding(Outcome.Error, "the rule failed to run: InvalidOperationException: boom", new AbsenceEvidence("result", "HL-GIT-004"))], TimeSpan.FromMilliseconds(1)),
        };
        var problems = new[] { new InputProblem(new LiveEvidence("Node", null, "", ""), "Node could not be listed: forbidden", Severity.Warning) };
        return new AuditResult("cluster https://10.0.40.10:6443", FactOrigin.Live, spec,
            results.Select(r => Waivers.Apply(r, spec, FixtureAudit.Today)).ToList(), problems);
    }

    private static RunMetadata Metadata(string spec, string repo) =>
        new(spec, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(spec))))
        {
            RepoPath = repo,
            RepoCommit = "4f2c9d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e",
            RepoPathInGit = "fixtures/homelab/",
        };

    private static void Copy(string from, string to)
    {
        foreach (var source in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
    }
}
