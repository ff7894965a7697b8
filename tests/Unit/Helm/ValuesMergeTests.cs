using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Helm;

namespace Homelab.Conformance.Tests.Helm;

public class ValuesMergeTests
{
    private static MapNode Map(string file, string yaml) => (MapNode)YamlReader.ReadRepoFile(file, yaml).Documents.Single().Root!;

    private static readonly MapNode Under = Map("under.yaml", """
        a:
          b: 1
          c: 2
        list: [1, 2]
        gone: here
        scalar: x
        """);

    [Fact]
    public void Maps_merge_deeply_and_each_value_keeps_its_file()
    {
        var merged = ValuesMerge.Merge(Under, Map("over.yaml", "a:\n  c: 3\n  d: 4\nnew: y\n"));

        merged.Keys.Should().Equal("a", "list", "gone", "scalar", "new");
        merged.Map("a")!.Keys.Should().Equal("b", "c", "d");
        merged.At("a.b")!.Origin.Should().Be(new RepoEvidence("under.yaml", 2, 6, "a.b"));
        merged.Text("a.c").Should().Be("3");
        merged.At("a.c")!.Origin.Should().Be(new RepoEvidence("over.yaml", 2, 6, "a.c"));
    }

    [Fact]
    public void Null_deletes_a_key_and_a_quoted_null_is_a_string()
    {
        var merged = ValuesMerge.Merge(Under, Map("over.yaml", "gone: null\na: ~\nscalar: \"null\"\n"));

        merged.Keys.Should().Equal("list", "scalar");
        merged.Text("scalar").Should().Be("null");
    }

    [Fact]
    public void Lists_and_mismatched_kinds_are_replaced_whole()
    {
        var merged = ValuesMerge.Merge(Under, Map("over.yaml", "list: [9]\nscalar: {now: map}\na: flat\n"));

        merged.List("list")!.Items.Select(i => ((ScalarNode)i).Value).Should().Equal("9");
        merged.At("list")!.Origin.Should().Be(new RepoEvidence("over.yaml", 1, 7, "list"));
        merged.Text("scalar.now").Should().Be("map");
        merged.Text("a").Should().Be("flat");
    }

    [Fact]
    public void Merge_leaves_both_inputs_unchanged()
    {
        var over = Map("over.yaml", "a: {b: 5}\n");
        ValuesMerge.Merge(Under, over);
        Under.Text("a.b").Should().Be("1");
        over.Map("a")!.Keys.Should().Equal("b");
    }

    [Fact]
    public void SetAt_sets_a_dotted_path_making_maps_on_the_way()
    {
        var value = new ScalarNode(new RepoEvidence("cm.yaml", 7, 3, "data.host"), "10.0.0.1");

        var result = ValuesMerge.SetAt(Under, "a.x.host", value);

        result.Text("a.b").Should().Be("1");
        result.At("a.x.host").Should().BeSameAs(value);
        result.At("a.x")!.Origin.Should().Be(value.Origin);
    }

    [Fact]
    public void SetAt_replaces_a_value_and_reads_escaped_dots()
    {
        var value = new ScalarNode(new RepoEvidence("cm.yaml", 1, 1, ""), "v");

        ValuesMerge.SetAt(Under, "scalar", value).At("scalar").Should().BeSameAs(value);
        ValuesMerge.SetAt(Under, "scalar.deeper", value).Text("scalar.deeper").Should().Be("v", "a scalar on the way becomes a map");
        var escaped = ValuesMerge.SetAt(Under, @"annotations.prometheus\.io/scrape", value);
        escaped.Map("annotations")!.Keys.Should().Equal("prometheus.io/scrape");
    }
}
