using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Flux;

namespace Homelab.Conformance.Tests.Flux;

public class SubstitutionTests
{
    private readonly List<string> _reported = [];

    private static KubeObject Object(string data, string annotations = "{}") =>
        KubeObject.FromDocument(YamlReader.ReadRepoFile("apps/x.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations: {annotations}\ndata:\n{data}").Documents[0].Root).Single();

    private ScalarNode Apply(Substitution substitution, string value)
    {
        var o = substitution.Apply(Object($"  v: {value}\n"), (at, cause) => _reported.Add($"{at.Location}: {cause}"));
        return o.Root.Scalar("data.v")!;
    }

    private static Substitution With(params (string Name, string? Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => new Substitution.Variable(v.Value, $"test {v.Name}")), []);

    [Theory]
    [InlineData("${A}", "1")]
    [InlineData("pre-${A}-${B}-post", "pre-1-two-post")]
    [InlineData("${A:=x}", "1")]
    [InlineData("${MISSING:=fallback}", "fallback")]
    [InlineData("${MISSING:-fallback}", "fallback")]
    [InlineData("${MISSING:=}", "")]
    [InlineData("$${A}", "${A}")]
    [InlineData("$A and {A}", "$A and {A}")]
    [InlineData("${EMPTY}", "")]
    public void References_are_replaced_as_Flux_does(string text, string expected)
    {
        var s = Apply(With(("A", "1"), ("B", "two"), ("EMPTY", "")), $"\"{text}\"");
        s.IsKnown.Should().BeTrue();
        s.Value.Should().Be(expected);
        s.Quoted.Should().BeTrue();
        _reported.Should().BeEmpty();
    }

    [Theory]
    [InlineData("${B^}", "Two")]
    [InlineData("${U,}", "hELLO")]
    [InlineData("${B^^}", "TWO")]
    [InlineData("${U,,}", "hello")]
    [InlineData("${#B}", "3")]
    [InlineData("${HOST:4}", "example.org")]
    [InlineData("${HOST:0:3}", "www")]
    [InlineData("${HOST:-4}", "www.example.org")]
    [InlineData("${HOST#*.}", "example.org")]
    [InlineData("${HOST##*.}", "org")]
    [InlineData("${HOST%.*}", "www.example")]
    [InlineData("${HOST%%.*}", "www")]
    [InlineData("${HOST/o/0}", "www.example.0rg")]
    [InlineData("${HOST//w/v}", "vvv.example.org")]
    [InlineData("${HOST/#www/api}", "api.example.org")]
    [InlineData("${HOST/%org/net}", "www.example.net")]
    [InlineData("${EMPTY:=x}", "x")]
    [InlineData("${EMPTY-y}", "y")]
    [InlineData("${MISSING=z}", "z")]
    [InlineData("${B:?ignored}", "two")]
    public void The_functions_of_Flux_s_envsubst_apply(string text, string expected)
    {
        var s = Apply(With(("B", "two"), ("U", "HELLO"), ("HOST", "www.example.org"), ("EMPTY", "")), $"\"{text}\"");
        s.IsKnown.Should().BeTrue();
        s.Value.Should().Be(expected);
        _reported.Should().BeEmpty();
    }

    [Fact]
    public void A_substitution_Flux_does_not_understand_makes_the_value_unknown_not_literal()
    {
        var s = Apply(With(("A", "1")), "\"${A@Q}\"");

        s.IsKnown.Should().BeFalse();
        s.Unknown.Should().Be("${A@Q} is not a substitution Flux understands");
    }

    [Fact]
    public void The_value_keeps_its_place_and_says_where_its_variables_came_from()
    {
        var s = Apply(With(("A", "1")), "${A}-${MISSING:=d}");
        s.Origin.Should().Be(new RepoEvidence("apps/x.yaml", 7, 6, "data.v") { Via = "${A} from test A, ${MISSING} default" });
    }

    [Theory]
    [InlineData("${PVC:=${APP}}", "sonarr")]
    [InlineData("${PVC:=${APP}-data}", "sonarr-data")]
    [InlineData("${CLASS:=${TIER:=fast}}-${APP}", "fast-sonarr")]
    [InlineData("$${PVC:=${APP}}", "${PVC:=sonarr}")]
    public void A_default_may_hold_a_reference_evaluated_inside_out(string text, string expected)
    {
        var s = Apply(With(("APP", "sonarr")), text);

        s.IsKnown.Should().BeTrue();
        s.Value.Should().Be(expected);
        _reported.Should().BeEmpty();
    }

    [Fact]
    public void A_set_variable_wins_over_its_nested_default()
    {
        Apply(With(("APP", "sonarr"), ("PVC", "media-library")), "${PVC:=${APP}}").Value.Should().Be("media-library");
    }

    [Fact]
    public void An_undefined_variable_is_reported_and_unknown()
    {
        var s = Apply(With(("A", "1")), "${A}/${NOPE}");
        s.IsKnown.Should().BeFalse();
        s.Unknown.Should().Be("${NOPE} is not defined");
        s.Value.Should().Be("1/${NOPE}");
        _reported.Should().Equal("apps/x.yaml:7 (data.v): variable ${NOPE} is set by no postBuild substitute or substituteFrom source; Flux would substitute an empty string");
    }

    [Fact]
    public void A_variable_with_an_unknown_value_makes_the_value_unknown()
    {
        var substitution = new Substitution(new() { ["PASS"] = new(null, "Secret flux-system/s", ScalarNode.EncryptedValue) }, []);
        var s = Apply(substitution, "${PASS}");
        s.Unknown.Should().Be("${PASS} is encrypted (SOPS) (Secret flux-system/s)");
        _reported.Should().BeEmpty();
    }

    [Fact]
    public void An_unreadable_source_makes_undefined_variables_unknown_without_a_report()
    {
        var substitution = new Substitution([], ["ConfigMap flux-system/gone (not in the repository)"]);
        substitution.IsEmpty.Should().BeFalse();
        Apply(substitution, "${X}").Unknown.Should().Be("${X} may come from ConfigMap flux-system/gone (not in the repository), which cannot be read offline");
        _reported.Should().BeEmpty();
    }

    [Fact]
    public void The_disable_annotation_turns_substitution_off()
    {
        var o = Object("  v: ${A}\n", "{kustomize.toolkit.fluxcd.io/substitute: disabled}");
        With(("A", "1")).Apply(o, (_, _) => _reported.Add("x")).Root.Text("data.v").Should().Be("${A}");
    }

    [Fact]
    public void Keys_lists_and_unknown_values_are_left_alone()
    {
        var o = KubeObject.FromDocument(YamlReader.ReadRepoFile("x.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: x}
            data:
              ${A}: k
              list: ["${A}", b]
              enc: ENC[AES256_GCM,data:JHtBfQ==,type:str]
            """).Documents[0].Root).Single();

        var result = With(("A", "1")).Apply(o, (_, _) => _reported.Add("x")).Root;

        result.Map("data")!.Keys.Should().Contain("${A}");
        result.Text("data.list[0]").Should().Be("1");
        result.Scalar("data.enc")!.Unknown.Should().Be(ScalarNode.EncryptedValue);
        _reported.Should().BeEmpty();
    }

    [Fact]
    public void None_is_empty() => Substitution.None.IsEmpty.Should().BeTrue();
}
