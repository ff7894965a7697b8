using Homelab.Conformance.Documents;
using Homelab.Conformance.Sources.Flux;

namespace Homelab.Conformance.Tests.Flux;

/// <summary>Flux objects written as YAML in a test, read as the repo reader reads them.</summary>
public static class FluxYaml
{
    /// <summary>The one object of a YAML file's text.</summary>
    public static KubeObject Object(string file, string yaml)
    {
        var (documents, problem) = YamlReader.ReadRepoFile(file, yaml.ReplaceLineEndings("\n"));
        problem.Should().BeNull();
        return KubeObject.FromDocument(documents.Single().Root).Single();
    }

    /// <summary>A Flux Kustomization named app in flux-system with the given spec (lines from 6 on).</summary>
    public static FluxKustomization Kustomization(string file, string spec)
    {
        var parsed = FluxKustomization.Parse(Object(file, $"apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {{name: app, namespace: flux-system}}\nspec:\n{Indent(spec)}"));
        parsed.Errors.Should().BeEmpty();
        return parsed.View;
    }

    private static string Indent(string text) =>
        string.Concat(text.ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 0).Select(l => $"  {l}\n"));
}
