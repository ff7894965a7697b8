using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Tests.Documents;

public class ScalarNodeTests
{
    private static ScalarNode Scalar(string yaml) =>
        YamlReader.ReadRepoFile("x.yaml", $"v: {yaml}\n").Documents.Single().Root!.Scalar("v")!;

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("NO", false)]
    [InlineData("off", false)]
    [InlineData("\"true\"", true)]
    public void AsBool_reads_YAML_booleans(string yaml, bool expected) => Scalar(yaml).AsBool().Should().Be(expected);

    [Theory]
    [InlineData("maybe")]
    [InlineData("1")]
    [InlineData("~")]
    [InlineData("ENC[AES256_GCM,data:dHJ1ZQ==,type:bool]")]
    public void AsBool_is_null_for_anything_else(string yaml) => Scalar(yaml).AsBool().Should().BeNull();

    [Theory]
    [InlineData("3", 3L)]
    [InlineData("-12", -12L)]
    [InlineData("\"7\"", 7L)]
    public void AsInt_reads_whole_numbers(string yaml, long expected) => Scalar(yaml).AsInt().Should().Be(expected);

    [Theory]
    [InlineData("3.5")]
    [InlineData("three")]
    [InlineData("~")]
    [InlineData("ENC[AES256_GCM,data:Mw==,type:int]")]
    public void AsInt_is_null_for_anything_else(string yaml) => Scalar(yaml).AsInt().Should().BeNull();

    [Theory]
    [InlineData("\"true\"", true, "true")]
    [InlineData("'3'", true, "3")]
    [InlineData("!!str 3", true, "3")]
    [InlineData("|\n  text", true, "text\n")]
    [InlineData("true", false, "true")]
    [InlineData("'null'", true, "null")]
    public void Quoted_scalars_are_strings(string yaml, bool quoted, string value)
    {
        var s = Scalar(yaml);
        s.Quoted.Should().Be(quoted);
        s.Value.Should().Be(value);
        s.IsNull.Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    public void Plain_nulls_are_null(string yaml)
    {
        var s = Scalar(yaml);
        s.IsNull.Should().BeTrue();
        s.IsKnown.Should().BeTrue();
        s.ToString().Should().Be("null");
    }

    [Theory]
    [InlineData("ENC[AES256_GCM,data:x,type:str]", true)]
    [InlineData("ENC[", false)]
    [InlineData("prefix ENC[x]", false)]
    [InlineData(null, false)]
    public void IsEncrypted_recognises_SOPS_values(string? text, bool expected) =>
        ScalarNode.IsEncrypted(text).Should().Be(expected);
}
