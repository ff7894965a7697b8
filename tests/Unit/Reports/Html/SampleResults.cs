using Homelab.Conformance.Audit;
using Homelab.Conformance.Reports;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Tests.Reports.Html;

/// <summary>
/// A results document over the real rule catalogue, with every case the page shows: a repo and a
/// live failure, inconclusive, waived, an expired waiver, an error, a rule seen on one side only,
/// input problems and drift.
/// </summary>
internal static class SampleResults
{
    public const string RepoPath = "/srv/homelab-gitops";
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";

    public static ResultsDocument Run(string runId = "20261125T094500Z", DateTimeOffset? startedAt = null)
    {
        var rules = RuleCatalogue.All.Select(Entry).ToList();
        ProblemEntry[] problems =
        [
            new("static", "warning", "no default values known for chart cilium at this version; rules see only the values the repo sets",
                Repo("infrastructure/controllers/cilium/helmrelease.yaml", 1, "")),
            new("static", "error", "apps/media/broken.yaml: mapping values are not allowed here", Repo("apps/media/broken.yaml", 7, "")),
        ];
        DriftEntry[] drift =
        [
            new("node talos-4 control plane", "false", Repo("talos/talconfig.yaml", 57, "nodes[3].controlPlane"),
                "true", Live("Node", null, "talos-4", "metadata.labels[\"node-role.kubernetes.io/control-plane\"]")),
        ];
        return new ResultsDocument(ResultsDocument.Version, runId, startedAt ?? new DateTimeOffset(2026, 11, 25, 9, 45, 0, TimeSpan.Zero), 1.4, false,
            new RunMetadata("/srv/homelab-gitops/architecture.yaml", "41d9b73b606714b9e1f8d838f5306528246b8a97b78aae6a179712af27876497")
            {
                RepoPath = RepoPath,
                RepoCommit = Commit,
                ClusterServer = "https://10.0.0.10:6443",
                ClusterVersion = "v1.31.2",
            },
            Summary.Of(rules, problems, drift), rules, problems, drift);
    }

    /// <summary>The same run with one side of one rule replaced.</summary>
    public static ResultsDocument With(this ResultsDocument results, string ruleId, RuleOutcome? staticSide = null, RuleOutcome? liveSide = null)
    {
        var rules = results.Rules.Select(r => r.Id != ruleId ? r : r with { Static = staticSide ?? r.Static, Live = liveSide ?? r.Live }).ToList();
        return results with { Rules = rules, Summary = Summary.Of(rules, results.Problems, results.Drift) };
    }

    /// <summary>An earlier run for the trend, with <paramref name="failures"/> more live failures than this one.</summary>
    public static ResultsDocument Earlier(string runId, DateTimeOffset startedAt, int failures)
    {
        var run = Run(runId, startedAt);
        foreach (var rule in run.Rules.Where(r => r.Live is not null).Take(failures).ToList())
            run = run.With(rule.Id, liveSide: Side("fail", new FindingEntry("fail", "it failed then", Live("Node", null, "talos-1", ""), null, null)));
        return run;
    }

    public static RuleOutcome Side(string outcome, params FindingEntry[] findings) => new(outcome, findings, null, 1.5);

    public static EvidenceEntry Repo(string file, int line, string yamlPath) =>
        new("repo", yamlPath.Length == 0 ? $"{file}:{line}" : $"{file}:{line} ({yamlPath})") { File = file, Line = line, Column = 3, YamlPath = yamlPath };

    public static EvidenceEntry Live(string kind, string? ns, string name, string field) =>
        new("live", $"{kind}/{name}") { Kind = kind, Namespace = ns, Name = name, Field = field };

    private static RuleEntry Entry(Rule rule)
    {
        var file = rule.Area switch
        {
            Area.ControlPlane or Area.Nodes => "talos/talconfig.yaml",
            Area.Network => "infrastructure/controllers/cilium/helmrelease.yaml",
            Area.Storage => "infrastructure/storage/rook-ceph/cluster.yaml",
            Area.GitOps => "clusters/homelab/flux-system/gotk-sync.yaml",
            _ => "infrastructure/observability/alloy/helmrelease.yaml",
        };
        var repoSide = Side("pass", new FindingEntry("pass", $"{rule.Title}: as the spec says", Repo(file, 12, "spec.values"), null, null));
        var liveSide = Side("pass", new FindingEntry("pass", $"{rule.Title}: as the spec says", Live("ConfigMap", "kube-system", "cilium-config", "data"), null, null));
        var entry = new RuleEntry(rule.Id, rule.Title, rule.Claim(ReferenceSpec.Value), rule.Area.ToString(), rule.Remediation,
            rule.Origins.Contains(Facts.FactOrigin.Repo) ? repoSide : null, rule.Origins.Contains(Facts.FactOrigin.Live) ? liveSide : null);
        return rule.Id switch
        {
            "HL-CP-001" => entry with
            {
                Static = Side("pass",
                    new FindingEntry("pass", "talos-1 is a control plane", Repo("talos/talconfig.yaml", 38, "nodes[0].controlPlane"), null, null),
                    new FindingEntry("pass", "talos-4 is not a control plane", Repo("talos/talconfig.yaml", 57, "nodes[3].controlPlane"), null, null)),
                Live = Side("fail",
                    new FindingEntry("pass", "talos-1 is a control plane", Live("Node", null, "talos-1", "metadata.labels[\"node-role.kubernetes.io/control-plane\"]"), null, null),
                    new FindingEntry("fail", "talos-4 is a control plane but the spec does not name it",
                        Live("Node", null, "talos-4", "metadata.labels[\"node-role.kubernetes.io/control-plane\"]"), "worker", "control plane")),
            },
            "HL-STO-001" => entry with
            {
                Static = Side("fail", new FindingEntry("fail", "pool replicapool has size 5, more than the 4 OSD hosts",
                    Repo("infrastructure/storage/rook-ceph/pools.yaml", 14, "spec.replicated.size"), "2..3", "5")),
                Live = Side("fail", new FindingEntry("fail", "pool replicapool has size 5, more than the 4 OSD hosts",
                    Live("CephBlockPool", "rook-ceph", "replicapool", "spec.replicated.size"), "2..3", "5")),
            },
            "HL-GIT-004" => entry with
            {
                Live = Side("inconclusive", new FindingEntry("inconclusive", "the Kustomization CRD is not installed",
                    new EvidenceEntry("absence", "no Kustomization in the cluster"), null, null)),
            },
            "HL-NET-005" => entry with
            {
                Static = new RuleOutcome("waived", [new FindingEntry("waived", "the host firewall is off", Repo("infrastructure/controllers/cilium/helmrelease.yaml", 40, "spec.values.hostFirewall.enabled"), "true", "false")],
                    new WaiverEntry("host firewall waits for the Talos 1.9 upgrade", "2099-01-31", false, Repo("architecture.yaml", 61, "waivers[0]")), 2),
            },
            "HL-OBS-002" => entry with
            {
                Static = new RuleOutcome("fail", [new FindingEntry("fail", "the Grafana Cloud token is plaintext in the repo", Repo("infrastructure/observability/alloy/values.yaml", 22, "alloy.extraEnv[0].value"), "a Secret or SOPS", "plaintext")],
                    new WaiverEntry("rotating the token this sprint", "2026-10-01", true, Repo("architecture.yaml", 65, "waivers[1]")), 2),
            },
            "HL-STO-004" => entry with
            {
                Live = Side("error", new FindingEntry("error", "the rule could not run: StorageClass list timed out", new EvidenceEntry("absence", "no StorageClass read"), null, null)),
            },
            _ => entry,
        };
    }
}
