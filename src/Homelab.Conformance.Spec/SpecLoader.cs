using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Spec;

/// <summary>
/// Loads and validates the architecture spec. Every problem is collected, not just the first:
/// an unknown key, a wrong type, or a combination that cannot exist (3 control planes in a
/// 2-node cluster), each named with its key and line.
/// </summary>
public static class SpecLoader
{
    public static readonly string[] SourceKinds = ["GitRepository", "OCIRepository", "HelmRepository", "Bucket", "ExternalArtifact"];

    /// <summary>Larger files are not read as a spec: one is a few hundred lines.</summary>
    public const long MaxBytes = 1024 * 1024;

    public static ArchitectureSpec Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new SpecException(path, ["the file does not exist"]);
        if (FileKinds.NotAFile(path) is { } what) throw new SpecException(path, [$"it is {what}, not a file; it is not read"]);
        if (new FileInfo(path).Length > MaxBytes) throw new SpecException(path, [$"the file is over {MaxBytes / 1024} KiB; a spec is a few hundred lines"]);
        return Parse(path, System.IO.File.ReadAllText(path));
    }

    public static ArchitectureSpec Parse(string file, string text)
    {
        var name = Path.GetFileName(file);
        var (documents, problem) = YamlReader.Read(file, text, (line, column, path) => new RepoEvidence(name, line, column, path));
        if (problem is not null) throw new SpecException(file, [problem.ToString()]);
        if (documents.Count != 1 || documents[0].Root is not MapNode root)
            throw new SpecException(file, ["expected exactly one YAML document holding a mapping"]);

        var problems = new List<string>();
        var places = new Dictionary<string, RepoEvidence>(StringComparer.Ordinal);
        var top = new SpecSection(root, "", root.Origin, problems, places);
        top.String("apiVersion", "homelab.conformance/v1");
        top.String("kind", "Architecture");
        var spec = new ArchitectureSpec(
            file,
            ReadNodes(top.Section("nodes")),
            ReadControlPlane(top.Section("controlPlane")),
            ReadNetwork(top.Section("network")),
            ReadStorage(top.Section("storage")),
            ReadGitOps(top.Section("gitops")),
            ReadObservability(top.Section("observability")),
            top.Sections("waivers").Select(ReadWaiver).ToList()) { Places = places };
        top.RejectUnknownKeys();
        SpecValidation.Check(spec, top, problems);
        if (problems.Count > 0) throw new SpecException(file, problems);
        return spec;
    }

    private static NodesSpec ReadNodes(SpecSection s)
    {
        var perNode = s.Section("perNode");
        var capacity = new NodeCapacity(perNode.Int("cpuCores", 1), perNode.Int("memoryGiB", 1), perNode.Int("diskGB", 1))
        {
            MemoryTolerancePercent = perNode.Percent("memoryTolerancePercent", NodeCapacity.DefaultMemoryTolerancePercent),
        };
        perNode.RejectUnknownKeys();
        var nodes = new NodesSpec(s.Int("count", 1), s.String("architecture", "arm64", "amd64"), s.String("os", "talos"), capacity,
            s.Strings("names", required: false));
        s.RejectUnknownKeys();
        return nodes;
    }

    private static ControlPlaneSpec ReadControlPlane(SpecSection s)
    {
        var cp = new ControlPlaneSpec(s.Int("count", 1), s.Strings("nodes"), s.Bool("schedulable"));
        s.RejectUnknownKeys();
        return cp;
    }

    private static NetworkSpec ReadNetwork(SpecSection s)
    {
        var policies = s.Section("networkPolicies");
        var network = new NetworkSpec(
            s.String("cni", "cilium"),
            s.String("kubeProxy", "disabled", "enabled") == "disabled",
            s.Bool("l2LoadBalancing"),
            policies.Bool("clusterWide"),
            policies.Bool("nodeLevel"));
        policies.RejectUnknownKeys();
        s.RejectUnknownKeys();
        return network;
    }

    private static StorageSpec ReadStorage(SpecSection s)
    {
        var kinds = s.Strings("kinds").Select(k => k switch
        {
            "block" => StorageKind.Block,
            "file" => StorageKind.File,
            "object" => StorageKind.Object,
            _ => Bad(s, "kinds", $"'{k}' is not one of: block, file, object"),
        }).ToList();
        var replication = s.Section("replication");
        var storage = new StorageSpec(
            s.String("engine", "rook-ceph"),
            kinds,
            s.Strings("osdNodes"),
            replication.Int("minSize", 1),
            replication.Int("maxSize", 1),
            replication.String("failureDomain", "host", "osd", "rack", "zone"),
            s.Int("mons", 1),
            s.Int("mgrs", 1))
        {
            RawCapacityTolerancePercent = s.Percent("rawCapacityTolerancePercent", StorageSpec.DefaultRawCapacityTolerancePercent),
        };
        replication.RejectUnknownKeys();
        s.RejectUnknownKeys();
        return storage;
    }

    private static GitOpsSpec ReadGitOps(SpecSection s)
    {
        var allowed = s.Strings("allowedSourceKinds");
        var required = s.Strings("requiredSourceKinds", required: false);
        foreach (var kind in allowed.Concat(required).Where(k => !SourceKinds.Contains(k)))
            s.Problem("allowedSourceKinds", $"'{kind}' is not a Flux source kind ({string.Join(", ", SourceKinds)})");
        var gitops = new GitOpsSpec(s.String("engine", "flux"), allowed, required);
        s.RejectUnknownKeys();
        return gitops;
    }

    private static ObservabilitySpec ReadObservability(SpecSection s)
    {
        var o = new ObservabilitySpec(s.String("collector", "alloy"), s.OptionalString("destination"));
        s.RejectUnknownKeys();
        return o;
    }

    private static Waiver ReadWaiver(SpecSection s)
    {
        var w = new Waiver(s.String("rule"), s.String("reason"), s.Date("expires"), s.Origin);
        if (w.Reason.Trim().Length == 0) s.Problem("reason", "a waiver needs a reason");
        if (s.OptionalString("object") is { } text)
        {
            w = w with { Object = ObjectRef.FromPath(text) };
            if (w.Object is null) s.Problem("object", $"'{text}' is not Kind/namespace/name (or Kind/name for a cluster-scoped object)");
        }
        s.RejectUnknownKeys();
        return w;
    }

    private static StorageKind Bad(SpecSection s, string key, string cause)
    {
        s.Problem(key, cause);
        return default;
    }
}
