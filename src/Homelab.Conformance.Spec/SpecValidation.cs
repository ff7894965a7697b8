namespace Homelab.Conformance.Spec;

/// <summary>Combinations of spec values that no cluster can have.</summary>
internal static class SpecValidation
{
    public static void Check(ArchitectureSpec spec, SpecSection top, List<string> problems)
    {
        if (problems.Count > 0) return; // values may be placeholders after a type error
        var nodes = spec.Nodes;
        var cp = spec.ControlPlane;
        var storage = spec.Storage;
        var n = top.Section("nodes");
        var c = top.Section("controlPlane");
        var s = top.Section("storage");
        var r = s.Section("replication");

        if (cp.Count > nodes.Count) c.Problem("count", $"{cp.Count} control-plane nodes cannot exist in a {nodes.Count}-node cluster (nodes.count)");
        if (cp.Nodes.Count != cp.Count) c.Problem("nodes", $"lists {cp.Nodes.Count} nodes but controlPlane.count is {cp.Count}");
        if (nodes.Names.Count > 0 && nodes.Names.Count != nodes.Count) n.Problem("names", $"lists {nodes.Names.Count} names but nodes.count is {nodes.Count}");
        if (nodes.Names.Count > 0)
        {
            foreach (var name in cp.Nodes.Where(x => !nodes.Names.Contains(x))) c.Problem("nodes", $"'{name}' is not in nodes.names");
            foreach (var name in storage.OsdNodes.Where(x => !nodes.Names.Contains(x))) s.Problem("osdNodes", $"'{name}' is not in nodes.names");
        }
        if (storage.OsdNodes.Count > nodes.Count) s.Problem("osdNodes", $"{storage.OsdNodes.Count} OSD nodes cannot exist in a {nodes.Count}-node cluster");
        if (storage.MinReplicas > storage.MaxReplicas) r.Problem("minSize", $"minSize {storage.MinReplicas} is larger than maxSize {storage.MaxReplicas}");
        if (storage.FailureDomain == "host" && storage.MaxReplicas > storage.OsdNodes.Count)
            r.Problem("maxSize", $"{storage.MaxReplicas} replicas on distinct hosts need {storage.MaxReplicas} OSD hosts; storage.osdNodes has {storage.OsdNodes.Count}");
        if (storage.Mons % 2 == 0) s.Problem("mons", $"{storage.Mons} monitors cannot keep a majority through a failure better than {storage.Mons - 1}; use an odd count");
        if (storage.Mons > nodes.Count) s.Problem("mons", $"{storage.Mons} monitors need {storage.Mons} nodes; nodes.count is {nodes.Count}");
        if (storage.Kinds.Count == 0) s.Problem("kinds", "name at least one storage kind");
    }
}
