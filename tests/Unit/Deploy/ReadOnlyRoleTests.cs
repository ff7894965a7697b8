using Homelab.Conformance.Documents;
using Homelab.Conformance.Sources.Live;

namespace Homelab.Conformance.Tests.Deploy;

/// <summary>deploy/rbac.yaml grants read verbs only, on exactly the kinds the live reader lists, and never Secrets.</summary>
public sealed class ReadOnlyRoleTests
{
    private static readonly MapNode Role = ClusterRole();

    [Fact]
    public void The_role_grants_only_get_list_and_watch()
    {
        var verbs = Rules().SelectMany(r => Strings(r.List("verbs"))).Distinct().Order();
        verbs.Should().Equal("get", "list", "watch");
    }

    [Fact]
    public void The_role_covers_exactly_the_kinds_the_live_reader_lists_except_secrets()
    {
        var granted = Rules().SelectMany(r => Strings(r.List("apiGroups")).SelectMany(g => Strings(r.List("resources")).Select(res => $"{g}/{res}")));
        var read = LiveKinds.All.Where(k => k.Kind != "Secret").Select(k => $"{k.Group}/{k.Resource}");
        granted.Should().BeEquivalentTo(read);
    }

    [Fact]
    public void The_role_names_no_secret_and_no_wildcard()
    {
        Rules().SelectMany(r => Strings(r.List("resources")).Concat(Strings(r.List("apiGroups"))).Concat(Strings(r.List("verbs"))))
            .Should().NotContain(["secrets", "*"]);
    }

    private static IEnumerable<MapNode> Rules() => Role.List("rules")!.Items.OfType<MapNode>();

    private static IEnumerable<string> Strings(ListNode? list) => list?.Items.OfType<ScalarNode>().Select(s => s.Value ?? "") ?? [];

    private static MapNode ClusterRole()
    {
        var file = Path.Combine(SourceTree.Root, "deploy", "rbac.yaml");
        var (documents, problem) = YamlReader.ReadRepoFile(file, File.ReadAllText(file));
        problem.Should().BeNull();
        return documents.Select(d => d.Root).OfType<MapNode>().Single(d => d.Text("kind") == "ClusterRole");
    }
}
