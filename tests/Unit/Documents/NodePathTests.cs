using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Tests.Documents;

public class NodePathTests
{
    private static Node Tree() => YamlReader.ReadRepoFile("x.yaml", """
        spec:
          containers:
            - name: app
              ports: [80, 443]
          labels:
            app.kubernetes.io/name: web
            plain-key_1: yes
            "": empty
        """).Documents.Single().Root!;

    [Theory]
    [InlineData("", "a", "a")]
    [InlineData("spec", "mon", "spec.mon")]
    [InlineData("spec", "plain-key_1", "spec.plain-key_1")]
    [InlineData("metadata.labels", "app.kubernetes.io/name", "metadata.labels[\"app.kubernetes.io/name\"]")]
    [InlineData("data", "values.yaml", "data[\"values.yaml\"]")]
    [InlineData("", "a b", "[\"a b\"]")]
    [InlineData("m", "", "m[\"\"]")]
    public void Key_quotes_what_is_not_a_plain_identifier(string parent, string key, string expected) =>
        NodePath.Key(parent, key).Should().Be(expected);

    [Fact]
    public void Index_appends_brackets() => NodePath.Index("spec.items", 2).Should().Be("spec.items[2]");

    [Theory]
    [InlineData("spec.containers[0].name", "app")]
    [InlineData("spec.containers[0].ports[1]", "443")]
    [InlineData("spec.labels[\"app.kubernetes.io/name\"]", "web")]
    [InlineData("spec.labels.plain-key_1", "yes")]
    [InlineData("spec.labels[\"\"]", "empty")]
    public void Walk_follows_dotted_paths_indexes_and_quoted_keys(string path, string expected) =>
        Tree().Text(path).Should().Be(expected);

    [Theory]
    [InlineData("spec.containers[1]")]
    [InlineData("spec.containers[-1]")]
    [InlineData("spec.containers.name")]
    [InlineData("spec.labels[0]")]
    [InlineData("spec.containers[0].name.deeper")]
    [InlineData("nope")]
    public void Walk_gives_null_for_what_is_not_there(string path) => Tree().At(path).Should().BeNull();

    [Fact]
    public void An_empty_path_is_the_node_itself()
    {
        var tree = Tree();
        tree.At("").Should().BeSameAs(tree);
    }

    [Theory]
    [InlineData("spec.containers[0")]
    [InlineData("spec.labels[\"app]")]
    public void An_unclosed_bracket_is_a_format_error(string path) =>
        FluentActions.Invoking(() => Tree().At(path)).Should().Throw<FormatException>().WithMessage("*unclosed '[*");

    [Fact]
    public void Every_path_the_reader_records_walks_back_to_its_node()
    {
        var tree = Tree();
        foreach (var node in All(tree))
        {
            var path = ((Homelab.Conformance.Provenance.RepoEvidence)node.Origin).YamlPath;
            tree.At(path).Should().BeSameAs(node, $"path '{path}' was recorded for it");
        }
    }

    private static IEnumerable<Node> All(Node node) => node switch
    {
        MapNode m => m.Entries.SelectMany(e => All(e.Value)).Prepend(m),
        ListNode l => l.Items.SelectMany(All).Prepend(l),
        _ => [node],
    };
}
