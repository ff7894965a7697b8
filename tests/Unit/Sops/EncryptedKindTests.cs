using Homelab.Conformance.Rules;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Sops;

/// <summary>
/// A SOPS file encrypted whole (no encrypted_regex) hides even its apiVersion and kind. kubectl
/// kustomize builds it as it is and Flux decrypts it when it applies it: the build is not refused,
/// but the object may be of any kind, so nothing is known to be absent.
/// </summary>
public sealed class EncryptedKindTests
{
    private const string Enc = "ENC[AES256_GCM,data:eA==,iv:aXY=,tag:dGFn,type:str]";

    private static readonly string WholeFile = $"""
        apiVersion: {Enc}
        kind: {Enc}
        metadata:
            name: {Enc}
        stringData:
            token: {Enc}
        sops:
            mac: {Enc}
            lastmodified: "2025-01-14T18:05:52Z"
            version: 3.9.4
        """;

    private static TempRepo Repo(bool withoutAlloy)
    {
        var repo = FixtureAudit.CopyOfConforming();
        repo.Write("apps/observability/extra.sops.yaml", WholeFile);
        var kustomization = File.ReadAllText(repo.Full("apps/observability/kustomization.yaml"))
            .Replace("  - grafana-cloud.sops.yaml\n", "  - grafana-cloud.sops.yaml\n  - extra.sops.yaml\n", StringComparison.Ordinal);
        if (withoutAlloy) kustomization = kustomization.Replace("  - helmrelease.yaml\n", "", StringComparison.Ordinal);
        repo.Write("apps/observability/kustomization.yaml", kustomization);
        return repo;
    }

    [Fact]
    public void The_build_goes_on_with_a_warning_at_the_object()
    {
        using var repo = Repo(withoutAlloy: false);
        var audit = FixtureAudit.Run(repo.Root, FixtureAudit.Spec);

        audit.Problems.Select(p => $"{p.Severity} {p}").Should().Equal(
            "Warning apps/observability/extra.sops.yaml:1: apiVersion and kind are SOPS-encrypted: Flux decrypts the object when it applies it, so what it is is not known offline");
        audit.Facts!.Collectors.Should().ContainSingle("the rest of the build is read: the Alloy release is there").Which.Config.Should().NotBeNull();
    }

    [Fact]
    public void An_object_of_unknown_kind_makes_absence_inconclusive_naming_it()
    {
        using var repo = Repo(withoutAlloy: true);
        var result = FixtureAudit.Run(repo.Root, FixtureAudit.Spec)[HL_OBS_001_Id];

        result.Outcome.Should().Be(Outcome.Inconclusive, "the encrypted object may be the collector");
        result.Findings.Should().NotContain(f => f.Outcome == Outcome.Fail);
        result.Findings.Should().Contain(f => f.Message.Contains(
            "Kustomization flux-system/observability applies an object whose apiVersion and kind are SOPS-encrypted, so it may be of any kind (apps/observability/extra.sops.yaml:1)", StringComparison.Ordinal));
    }

    private const string HL_OBS_001_Id = "HL-OBS-001";
}
