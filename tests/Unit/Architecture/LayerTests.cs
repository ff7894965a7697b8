using System.Reflection;
using System.Xml.Linq;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Reports;

namespace Homelab.Conformance.Tests.Architecture;

/// <summary>
/// The layers of src/ (docs/architecture.md): each project references exactly the layers this
/// table allows, so a wrong arrow is a build error. The compiled assemblies are checked too, so a
/// reference added some other way (a package that brings a layer, a file linked in) is caught.
/// </summary>
public sealed class LayerTests
{
    /// <summary>Each layer and the layers it may use directly (what those use comes with them).</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Homelab.Conformance.Provenance"] = [],
        ["Homelab.Conformance.Documents"] = ["Homelab.Conformance.Provenance"],
        ["Homelab.Conformance.Spec"] = ["Homelab.Conformance.Documents", "Homelab.Conformance.Provenance"],
        ["Homelab.Conformance.Facts"] = ["Homelab.Conformance.Provenance"],
        ["Homelab.Conformance.Sources"] = ["Homelab.Conformance.Documents", "Homelab.Conformance.Facts"],
        ["Homelab.Conformance.Sources.Git"] = ["Homelab.Conformance.Sources"],
        ["Homelab.Conformance.Sources.Live"] = ["Homelab.Conformance.Sources"],
        ["Homelab.Conformance.Rules"] = ["Homelab.Conformance.Spec", "Homelab.Conformance.Facts"],
        ["Homelab.Conformance.Audit"] = ["Homelab.Conformance.Rules", "Homelab.Conformance.Sources.Git", "Homelab.Conformance.Sources.Live"],
        ["Homelab.Conformance.Reports"] = ["Homelab.Conformance.Audit"],
        ["Homelab.Cli"] = ["Homelab.Conformance.Reports"],
    };

    public static TheoryData<string> Layers => [.. Allowed.Keys];

    /// <summary>The layers this test process loads (all but the CLI, whose project file is checked above).</summary>
    public static TheoryData<string> EngineLayers => [.. Allowed.Keys.Where(l => l != "Homelab.Cli")];

    [Fact]
    public void Every_project_under_src_is_a_layer_of_the_table()
    {
        Directory.GetFiles(Path.Combine(SourceTree.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).Should().BeEquivalentTo(Allowed.Keys);
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_project_references_exactly_the_layers_it_may_use(string layer)
    {
        var project = XDocument.Load(Path.Combine(SourceTree.Root, "src", layer, $"{layer}.csproj"));
        var references = project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!));
        references.Should().BeEquivalentTo(Allowed[layer], $"src/{layer} may use only the layers below it");
    }

    [Theory]
    [MemberData(nameof(EngineLayers))]
    public void A_compiled_layer_uses_only_layers_below_it(string layer)
    {
        var assembly = Assembly.Load(layer);
        var below = Below(layer);
        assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => name.StartsWith("Homelab.", StringComparison.Ordinal) && !below.Contains(name))
            .Should().BeEmpty($"{layer} may use only the layers below it: {string.Join(", ", below.Order())}");
    }

    [Fact]
    public void The_engine_layers_are_the_ones_loaded_here()
    {
        // Both ends of the stack load through the test project's references: a renamed layer fails here first.
        typeof(ConformanceRun).Assembly.GetName().Name.Should().Be("Homelab.Conformance.Audit");
        typeof(ReportFolder).Assembly.GetName().Name.Should().Be("Homelab.Conformance.Reports");
    }

    /// <summary>Every layer reachable from <paramref name="layer"/> through the allowed arrows.</summary>
    private static HashSet<string> Below(string layer)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(Allowed[layer]);
        while (queue.TryDequeue(out var next))
            if (seen.Add(next)) foreach (var used in Allowed[next]) queue.Enqueue(used);
        return seen;
    }
}
