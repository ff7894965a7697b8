using Homelab.Conformance.Audit;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Flux;

/// <summary>
/// A reference to an object a controller makes (an ExternalSecret's Secret, an ObjectBucketClaim's
/// ConfigMap) resolves; a Secret the repo does not hold at all may be made outside it, so a reference
/// to it is inconclusive, never a failure. A missing ConfigMap still fails.
/// </summary>
public sealed class DerivedObjectsTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private RuleResult FluxReferences()
    {
        _repo.WithFluxEntry()
            .Write("clusters/home/flux-system/source.yaml", """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: flux-system, namespace: flux-system}
                spec: {url: https://git.example.org/lab/fleet}
                """)
            .Write("clusters/home/apps/loki.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: loki, namespace: observability}
                spec:
                  chart:
                    spec: {chart: loki, sourceRef: {kind: HelmRepository, name: grafana, namespace: flux-system}}
                  valuesFrom:
                    - {kind: Secret, name: loki-credentials}
                    - {kind: ConfigMap, name: loki-bucket}
                    - {kind: Secret, name: made-by-hand}
                    - {kind: ConfigMap, name: nowhere}
                ---
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: grafana, namespace: flux-system}
                spec: {url: https://charts.example.org}
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: loki, namespace: observability}
                spec:
                  target: {name: loki-credentials}
                ---
                apiVersion: objectbucket.io/v1alpha1
                kind: ObjectBucketClaim
                metadata: {name: loki-bucket, namespace: observability}
                spec: {bucketName: loki, storageClassName: ceph-bucket}
                """);
        return ConformanceRun.Static(new RunOptions { RepoPath = _repo.Root, Today = FixtureAudit.Today }).Static!["HL-GIT-002"];
    }

    [Fact]
    public void References_resolve_to_what_controllers_make_and_an_unseen_Secret_is_not_a_failure()
    {
        var result = FluxReferences();

        string Outcome(string target) => result.Findings.Single(f => f.Message.Contains(target, StringComparison.Ordinal)).Outcome.ToString();
        Outcome("Secret observability/loki-credentials").Should().Be("Pass");
        Outcome("ConfigMap observability/loki-bucket").Should().Be("Pass");
        Outcome("Secret observability/made-by-hand").Should().Be("Inconclusive");
        result.Findings.Single(f => f.Message.Contains("made-by-hand", StringComparison.Ordinal)).Message
            .Should().Contain("a Secret may be made outside the repository");
        Outcome("ConfigMap observability/nowhere").Should().Be("Fail");
        result.Outcome.Should().Be(Conformance.Rules.Outcome.Fail);
    }
}
