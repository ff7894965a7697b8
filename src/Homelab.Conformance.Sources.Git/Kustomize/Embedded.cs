using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>YAML held inside a string (an inline patch, a values file in a ConfigMap), parsed with its real lines.</summary>
public static class Embedded
{
    public static (IReadOnlyList<YamlDocument> Documents, InputProblem? Problem) Parse(ScalarNode text)
    {
        var start = text.Content ?? (text.Origin as RepoEvidence) ?? new RepoEvidence("<inline>", 1, 1, "");
        return YamlReader.Read(start.File, text.Value ?? "",
            (line, column, path) => text.Origin is RepoEvidence || text.Content is not null
                ? new RepoEvidence(start.File, start.Line + line - 1, column, path)
                : text.Origin);
    }
}
