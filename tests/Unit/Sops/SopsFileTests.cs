using Homelab.Conformance.Documents;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Git.Sops;

namespace Homelab.Conformance.Tests.Sops;

/// <summary>SOPS files checked offline: which values sops encrypts under each rule, and signs of editing after encryption.</summary>
public sealed class SopsFileTests
{
    private const string Enc = "ENC[AES256_GCM,data:eA==,iv:aXY=,tag:dGFn,type:str]";

    private static List<string> Check(string yaml)
    {
        var (documents, problem) = YamlReader.ReadRepoFile("s.sops.yaml", yaml);
        problem.Should().BeNull();
        var log = new ProblemLog();
        SopsFile.Check(documents, log);
        return log.Problems.Select(p => p.ToString()).ToList();
    }

    [Fact]
    public void A_file_encrypted_as_sops_writes_it_is_clean()
    {
        Check($"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: s
            stringData:
              token: {Enc}
              empty: ""
              none: null
            sops:
              mac: {Enc}
              encrypted_regex: ^(data|stringData)$
            """).Should().BeEmpty("metadata is outside encrypted_regex, and sops leaves empty and null values as they are");
    }

    [Fact]
    public void Without_a_rule_every_value_is_encrypted_except_under_the_default_unencrypted_suffix()
    {
        Check($"""
            cluster:
              id: {Enc}
              name_unencrypted: home
              settings_unencrypted:
                deep: clear
            ports:
              - {Enc}
              - 6443
            enabled: true
            sops:
              mac: {Enc}
            """).Should().Equal(
                "s.sops.yaml:8 (ports[1]): SOPS file was edited after encryption: ports[1] is plaintext; its MAC no longer matches and sops refuses to decrypt the file",
                "s.sops.yaml:9 (enabled): SOPS file was edited after encryption: enabled is plaintext; its MAC no longer matches and sops refuses to decrypt the file");
    }

    [Theory]
    [InlineData("unencrypted_suffix: _clear", "a_clear: x\nb: {0}\nc: plain\n", "c")]
    [InlineData("encrypted_suffix: _secret", "a_secret: {0}\nb: plain\nc_secret: plain\n", "c_secret")]
    [InlineData("unencrypted_regex: ^(name|kind)$", "name: x\nkind: y\ntoken: plain\n", "token")]
    [InlineData("encrypted_regex: ^(data|stringData)$", "kind: Secret\ndata:\n  a: {0}\n  b: plain\n", "data.b")]
    public void Each_rule_of_the_metadata_decides_which_values_must_be_encrypted(string rule, string body, string plaintext)
    {
        Check(string.Format(System.Globalization.CultureInfo.InvariantCulture, body, Enc) + $"sops:\n  mac: {Enc}\n  {rule}\n")
            .Should().ContainSingle().Which.Should().Contain($"({plaintext}): SOPS file was edited after encryption: {plaintext} is plaintext");
    }

    [Theory]
    [InlineData("sops:\n  version: 3.9.4\n", "s.sops.yaml:3 (sops): SOPS file was edited after encryption: sops.mac is missing, so its integrity cannot be verified")]
    [InlineData("sops:\n  mac: 0F1E2D3C\n", "s.sops.yaml:3 (sops.mac): SOPS file was edited after encryption: sops.mac is not an ENC[...] value, so its integrity cannot be verified")]
    public void A_missing_or_clear_MAC_is_reported(string metadata, string problem)
    {
        Check($"a: {Enc}\n" + metadata).Should().Equal(problem);
    }

    [Fact]
    public void A_plaintext_value_is_named_by_its_path_and_never_shown()
    {
        var problems = Check($"password: hunter2-in-clear\nsops:\n  mac: {Enc}\n");

        problems.Should().ContainSingle().Which.Should().Contain("password is plaintext").And.NotContain("hunter2");
    }

    [Fact]
    public void Rules_sops_refuses_or_that_depend_on_comments_claim_no_plaintext()
    {
        Check($"a: plain\nsops:\n  mac: {Enc}\n  encrypted_regex: ^a$\n  unencrypted_suffix: _u\n").Should().ContainSingle()
            .Which.Should().Contain("sets more than one of");
        Check($"a: plain\nsops:\n  mac: {Enc}\n  encrypted_regex: '^(a'\n").Should().ContainSingle()
            .Which.Should().Contain("encrypted_regex is not a valid regular expression");
        Check($"a: plain\nsops:\n  mac: {Enc}\n  encrypted_comment_regex: sops:enc\n").Should().BeEmpty("comments are not read, so no value can be called plaintext");
    }

    [Fact]
    public void A_document_without_sops_metadata_is_not_checked()
    {
        Check("password: clear\nsops: not-a-map\n---\nplain: document\n").Should().BeEmpty();
    }
}
