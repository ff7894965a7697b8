namespace Homelab.Conformance.Tests.Flux;

/// <summary>The smallest Flux entry a test repo needs: a flux-system sync of <c>clusters/home</c>.</summary>
public static class FluxFixtures
{
    public const string SyncFile = "clusters/home/flux-system/gotk-sync.yaml";

    public const string Sync = """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: flux-system, namespace: flux-system}
        spec:
          path: ./clusters/home
          sourceRef: {kind: GitRepository, name: flux-system}
        """;

    /// <summary>The repo with its entry: Flux applies <c>clusters/home</c> from it.</summary>
    public static TempRepo WithFluxEntry(this TempRepo repo) => repo.Write(SyncFile, Sync);
}
