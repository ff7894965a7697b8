using System.Diagnostics;
using System.Text;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Tests.Documents;

public class YamlReaderTests
{
    private static IReadOnlyList<YamlDocument> Read(string text, string file = "apps/x.yaml")
    {
        var (documents, problem) = YamlReader.ReadRepoFile(file, text);
        problem.Should().BeNull();
        return documents;
    }

    private static InputProblem Fail(string text, string file = "apps/x.yaml")
    {
        var (_, problem) = YamlReader.ReadRepoFile(file, text);
        problem.Should().NotBeNull();
        return problem!;
    }

    [Fact]
    public void Scalars_maps_and_list_items_carry_file_line_column_and_path()
    {
        var root = Read("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              key: value
            items:
              - name: a
              - name: b
                port: 80
            """).Single().Root!;

        root.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 1, 1, ""));
        root.At("data.key")!.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 6, 8, "data.key"));
        root.At("metadata")!.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 4, 3, "metadata"));
        root.At("items")!.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 8, 3, "items"));
        root.At("items[1]")!.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 9, 5, "items[1]"));
        root.At("items[1].port")!.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 10, 11, "items[1].port"));
        root.At("items[1].port")!.Origin.Location.Should().Be("apps/x.yaml:10 (items[1].port)");
    }

    [Fact]
    public void Keys_keep_their_order()
    {
        var root = (MapNode)Read("z: 1\na: 2\nm: 3\n").Single().Root!;
        root.Keys.Should().Equal("z", "a", "m");
    }

    [Fact]
    public void Every_document_of_a_stream_is_read_with_its_index_and_start_line()
    {
        var documents = Read("""
            a: 1
            ---
            b: 2
            ---
            ---
            c: 3
            """);

        documents.Select(d => d.Index).Should().Equal(0, 1, 2, 3);
        documents.Select(d => d.Line).Should().Equal(1, 2, 4, 5);
        documents[2].Root.Should().BeNull("an empty document is no document");
        documents[1].Root!.At("b")!.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 3, 4, "b"));
        documents[3].Root!.At("c")!.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 6, 4, "c"));
    }

    [Theory]
    [InlineData("---\na: 1\n---\n")]
    [InlineData("a: 1\n---\n# nothing more\n")]
    [InlineData("a: 1\n--- ~\n")]
    public void A_trailing_separator_gives_an_empty_document_not_a_null_value(string text)
    {
        var documents = Read(text);
        documents.Should().HaveCount(2);
        documents[0].Root!.Text("a").Should().Be("1");
        documents[1].Root.Should().BeNull();
    }

    [Fact]
    public void An_alias_of_a_scalar_is_a_key_as_kubectl_reads_it()
    {
        var root = (MapNode)Read("""
            name: &app gallery
            &tier tier: web
            controllers:
              *app :
                image: gallery
              *tier : api
            """).Single().Root!;

        root.Map("controllers")!.Keys.Should().Equal("gallery", "tier");
        root.Map("controllers")!.Map("gallery")!.Text("image").Should().Be("gallery");
        root.Map("controllers")!.Text("tier").Should().Be("api");
    }

    [Fact]
    public void An_alias_of_a_mapping_as_a_key_is_an_error_at_its_line()
    {
        var problem = Fail("base: &base {a: 1}\nother:\n  *base : 2\n");

        problem.Where.Should().Be(new RepoEvidence("apps/x.yaml", 3, 3, ""));
        problem.Cause.Should().Contain("the key *base is an alias of a mapping or list; only scalar keys are supported");
    }

    [Fact]
    public void An_alias_is_the_anchored_node_and_keeps_the_anchor_s_evidence()
    {
        var root = Read("""
            base: &base
              replicas: 2
              image: nginx
            copy: *base
            """).Single().Root!;

        root.At("copy").Should().BeSameAs(root.At("base"));
        root.Scalar("copy.image")!.Value.Should().Be("nginx");
        root.At("copy.image")!.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 3, 10, "base.image"));
    }

    [Fact]
    public void Merge_keys_add_missing_keys_and_explicit_keys_win()
    {
        var root = Read("""
            base: &base
              replicas: 2
              image: nginx
            other: &other
              image: httpd
              port: 80
            merged:
              <<: [*base, *other]
              replicas: 3
            """).Single().Root!;

        var merged = root.Map("merged")!;
        merged.Keys.Should().Equal("replicas", "image", "port");
        merged.Text("replicas").Should().Be("3");
        merged.At("replicas")!.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 9, 13, "merged.replicas"));
        merged.Text("image").Should().Be("nginx", "an earlier merged map wins over a later one");
        merged.At("image")!.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 3, 10, "base.image"));
        merged.Text("port").Should().Be("80");
    }

    [Fact]
    public void A_single_merge_map_is_accepted_and_a_merge_of_a_scalar_is_an_error()
    {
        Read("a: &a {x: 1}\nb:\n  <<: *a\n").Single().Root!.Text("b.x").Should().Be("1");

        var problem = Fail("a: &a 1\nb:\n  <<: *a\n");
        problem.Cause.Should().Contain("a merge key '<<' takes a mapping or a list of mappings");
        ((RepoEvidence)problem.Where).Line.Should().Be(3);
    }

    [Fact]
    public void A_quoted_merge_key_is_an_ordinary_key()
    {
        var root = Read("a: &a {x: 1}\nb:\n  \"<<\": *a\n").Single().Root!;
        root.Map("b")!.Keys.Should().Equal("<<");
    }

    [Fact]
    public void A_duplicate_key_is_an_error_naming_file_and_line()
    {
        var problem = Fail("""
            metadata:
              name: a
              labels: {}
              name: b
            """);

        problem.Where.Should().Be(new RepoEvidence("apps/x.yaml", 4, 3, ""));
        problem.Cause.Should().Be("invalid YAML: duplicate key 'name'");
        problem.ToString().Should().Be("apps/x.yaml:4: invalid YAML: duplicate key 'name'");
    }

    [Fact]
    public void Documents_before_a_broken_one_are_kept()
    {
        var (documents, problem) = YamlReader.ReadRepoFile("x.yaml", "a: 1\n---\nb: [\n");
        documents.Should().ContainSingle().Which.Root!.Text("a").Should().Be("1");
        problem.Should().NotBeNull();
    }

    [Fact]
    public void An_alias_bomb_stops_quickly_with_the_expansion_error()
    {
        var bomb = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
            bomb.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");

        var clock = Stopwatch.StartNew();
        var problem = Fail(bomb.ToString(), "bomb.yaml");

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        problem.Cause.Should().Be($"invalid YAML: the document expands to more than {YamlReader.MaxExpandedNodes:N0} nodes through aliases (an alias bomb?)");
        ((RepoEvidence)problem.Where).File.Should().Be("bomb.yaml");
    }

    [Fact]
    public void Nesting_deeper_than_MaxDepth_is_an_error()
    {
        var depth = YamlReader.MaxDepth + 5;
        var problem = Fail(new string('[', depth) + new string(']', depth) + "\n");
        problem.Cause.Should().Be($"invalid YAML: nesting deeper than {YamlReader.MaxDepth} levels");
        ((RepoEvidence)problem.Where).Line.Should().Be(1);

        var ok = YamlReader.MaxDepth - 1;
        Read(new string('[', ok) + new string(']', ok) + "\n").Should().ContainSingle();
    }

    [Fact]
    public void Tab_indentation_is_an_error_naming_file_and_line()
    {
        var problem = Fail("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n", "apps/tabs.yaml");
        problem.Where.Should().Be(new RepoEvidence("apps/tabs.yaml", 4, 1, ""));
        problem.Cause.Should().Be("invalid YAML: While scanning a mapping, found invalid tab as indentation.");
        problem.Cause.Should().NotContain("Line:", "the place is said once, by the evidence");
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_naming_file_and_line()
    {
        var problem = Fail("a: 1\nb: \"open\nc: 2\n", "apps/quote.yaml");
        problem.Where.Should().Be(new RepoEvidence("apps/quote.yaml", 2, 4, ""));
        problem.Cause.Should().StartWith("invalid YAML: ").And.Contain("quoted scalar");
        problem.ToString().Should().StartWith("apps/quote.yaml:2: invalid YAML: ");
    }

    [Fact]
    public void A_SOPS_value_is_unknown_and_never_shown()
    {
        var root = Read("password: ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]\nuser: admin\n").Single().Root!;

        var password = root.Scalar("password")!;
        password.IsKnown.Should().BeFalse();
        password.Unknown.Should().Be(ScalarNode.EncryptedValue);
        password.ToString().Should().Be("<encrypted (SOPS)>");
        root.Text("password").Should().BeNull();
        root.Text("user").Should().Be("admin");
    }

    [Fact]
    public void A_literal_block_records_where_its_content_starts()
    {
        var root = Read("""
            data:
              values.yaml: |
                a: 1
                b: 2
            """).Single().Root!;

        var block = root.Scalar("data[\"values.yaml\"]")!;
        block.Value.Should().Be("a: 1\nb: 2");
        block.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 2, 16, "data[\"values.yaml\"]"));
        block.Content.Should().Be(new RepoEvidence("apps/x.yaml", 3, 1, ""));
    }

    [Fact]
    public void Another_origin_factory_gives_other_evidence()
    {
        var (documents, _) = YamlReader.Read("cilium/1.16.5", "a:\n  b: 1\n", (_, _, path) => new ChartDefaultEvidence("cilium", "1.16.5", path));
        documents.Single().Root!.At("a.b")!.Origin.Location.Should().Be("chart default cilium 1.16.5 (a.b)");
    }

    [Fact]
    public void An_empty_text_has_no_documents()
    {
        Read("").Should().BeEmpty();
        Read("# only a comment\n").Should().BeEmpty();
    }

    [Fact]
    public void Short_keys_and_values_met_again_are_one_string_and_a_long_value_is_its_own()
    {
        var longValue = new string('x', 65);
        // Names no code holds as a literal, so YamlDotNet's own interning cannot share them.
        var a = Read($"sharedkey7: sharedvalue7\nnote: {longValue}\n", "apps/a.yaml").Single().Root!.As<MapNode>();
        var b = Read($"sharedkey7: sharedvalue7\nnote: {longValue}\n", "apps/b.yaml").Single().Root!.As<MapNode>();

        ReferenceEquals(a.Entries[0].Key, b.Entries[0].Key).Should().BeTrue("the key is shared");
        ReferenceEquals(a.Text("sharedkey7"), b.Text("sharedkey7")).Should().BeTrue("the value is shared");
        ReferenceEquals(a.Text("note"), b.Text("note")).Should().BeFalse("a value over 64 characters is not kept for sharing");
        a.Text("note").Should().Be(longValue);
    }
}
