using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Tests.Documents;

/// <summary>One text, read as a boolean by Helm (sigs.k8s.io/yaml, YAML 1.1) and by Talos (yaml.v3 into a bool field).</summary>
public sealed class YamlBooleansTests
{
    private static ScalarNode Plain(string text) => new(new RepoEvidence("x.yaml", 1, 1, ""), text);

    private static ScalarNode Quoted(string text) => new(new RepoEvidence("x.yaml", 1, 1, ""), text, quoted: true);

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("y", true)]
    [InlineData("false", false)]
    [InlineData("OFF", false)]
    [InlineData("n", false)]
    [InlineData("tRue", null)]
    [InlineData("1", null)]
    public void Helm_reads_the_YAML_1_1_words_plain(string text, bool? expected)
    {
        YamlBooleans.Helm(Plain(text)).Value.Should().Be(expected);
    }

    [Fact]
    public void Helm_passes_a_quoted_true_as_a_string()
    {
        var (value, why) = YamlBooleans.Helm(Quoted("false"));

        value.Should().BeNull();
        why.Should().Be("'false' is quoted, so Helm passes the string \"false\", not a boolean, and the chart's templates decide how they read it");
    }

    [Theory]
    [InlineData("true", false, true)]
    [InlineData("FALSE", false, false)]
    [InlineData("yes", false, true)]
    [InlineData("yes", true, true)]
    [InlineData("off", true, false)]
    [InlineData("true", true, null)]
    [InlineData("maybe", false, null)]
    public void Talos_takes_core_booleans_plain_and_the_YAML_1_1_words_quoted_or_not(string text, bool quoted, bool? expected)
    {
        YamlBooleans.Talos(quoted ? Quoted(text) : Plain(text)).Value.Should().Be(expected);
    }
}
