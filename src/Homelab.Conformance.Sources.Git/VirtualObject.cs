using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git;

/// <summary>
/// An object a chart would render, built from the values that shape it. Its fields are the
/// values' own nodes, so every fact read from it points at the values file, line or chart default.
/// </summary>
internal static class VirtualObject
{
    public static KubeObject Create(string apiVersion, string kind, string name, string? ns, Evidence at,
        IEnumerable<KeyValuePair<string, Node>> body, IEnumerable<KeyValuePair<string, Node>>? annotations = null)
    {
        var metadata = new List<KeyValuePair<string, Node>> { new("name", new ScalarNode(at, name)) };
        if (ns is not null) metadata.Add(new("namespace", new ScalarNode(at, ns)));
        if (annotations?.ToList() is { Count: > 0 } notes) metadata.Add(new("annotations", new MapNode(at, notes)));
        var entries = new List<KeyValuePair<string, Node>>
        {
            new("apiVersion", new ScalarNode(at, apiVersion)),
            new("kind", new ScalarNode(at, kind)),
            new("metadata", new MapNode(at, metadata)),
        };
        entries.AddRange(body);
        return new KubeObject(new MapNode(at, entries));
    }
}
