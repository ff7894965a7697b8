using System.Globalization;
using System.Text;

namespace Homelab.RepoGen;

/// <summary>
/// The <c>real</c> shape: about 1,200 files laid out as homelab repos usually are, not as the
/// fixture is. A Flux Operator <c>FluxInstance</c> syncs <c>kubernetes/flux/cluster</c>, whose
/// <c>cluster-meta</c> and <c>cluster-apps</c> Kustomizations apply the chart sources and settings,
/// then <c>kubernetes/apps</c>: one folder per namespace (a kustomization listing the apps'
/// <c>ks.yaml</c>, with the shared <c>components/common</c>), one folder per app (a Flux
/// Kustomization over <c>app/</c>: a HelmRelease and its OCIRepository, values, a
/// <c>configMapGenerator</c> or <c>secretGenerator</c> from files, sometimes a SOPS-encrypted Secret,
/// Flux <c>components</c> from <c>kubernetes/components</c>, postBuild substitution). The fixture's
/// Talos config, Cilium, Rook-Ceph and Alloy are moved into that layout so the spec's rules have
/// their facts. All content is synthetic; the same seed always gives the same bytes.
/// </summary>
public static class RealRepo
{
    private static readonly string[] Namespaces =
        ["media", "home", "network", "databases", "security", "tools", "games", "ai", "web", "monitoring", "backup", "dev", "iot", "office"];
    private const int AppsPerNamespace = 15;

    public static string Write(GenOptions options)
    {
        if (Directory.Exists(options.Out)) Directory.Delete(options.Out, recursive: true);
        var random = new Random(options.Seed);
        var root = options.Out;
        var fx = options.Fixture;
        string Fixture(string relative) => File.ReadAllText(Path.Combine(fx, relative));

        Write(root, "README.md", "# home-ops (generated)\n\nA synthetic repo in the usual homelab layout, for the audit's benchmark.\n");
        Write(root, ".sops.yaml", """
            creation_rules:
              - path_regex: talos/.*\.sops\.ya?ml$
                age: age1qg7synthetic0benchmark0recipient0not0a0real0key0000000000000
              - path_regex: kubernetes/.*\.sops\.ya?ml$
                encrypted_regex: ^(data|stringData)$
                age: age1qg7synthetic0benchmark0recipient0not0a0real0key0000000000000

            """);

        // Docs and Talos: the fixture's pages and talhelper input, where these repos keep them.
        foreach (var page in new[] { "architecture.md", "hardware.md" })
            Write(root, $"docs/{page}", Fixture($"docs/{page}"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(fx, "talos"), "*", SearchOption.AllDirectories))
            Write(root, Path.Combine("talos", Path.GetRelativePath(Path.Combine(fx, "talos"), file)), File.ReadAllText(file));

        // The Flux Operator's instance: its sync path is the cluster folder.
        Write(root, "kubernetes/apps/flux-system/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: flux-system
            resources:
              - ./flux-operator/ks.yaml

            """);
        Write(root, "kubernetes/apps/flux-system/flux-operator/ks.yaml", FluxKs("flux-operator", "flux-system", "./kubernetes/apps/flux-system/flux-operator/app", null, []));
        Write(root, "kubernetes/apps/flux-system/flux-operator/app/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - ./fluxinstance.yaml

            """);
        Write(root, "kubernetes/apps/flux-system/flux-operator/app/fluxinstance.yaml", """
            apiVersion: fluxcd.controlplane.io/v1
            kind: FluxInstance
            metadata:
              name: flux
              namespace: flux-system
            spec:
              distribution:
                version: 2.x
                registry: ghcr.io/fluxcd
              components:
                - source-controller
                - kustomize-controller
                - helm-controller
                - notification-controller
              cluster:
                type: kubernetes
                networkPolicy: true
              sync:
                kind: GitRepository
                url: https://git.example.org/lab/home-ops.git
                ref: refs/heads/main
                path: kubernetes/flux/cluster

            """);

        // The cluster folder: settings and sources first, then the apps.
        Write(root, "kubernetes/flux/cluster/ks.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: cluster-meta
              namespace: flux-system
            spec:
              interval: 1h
              path: ./kubernetes/flux/meta
              prune: true
              wait: true
              sourceRef:
                kind: GitRepository
                name: flux-system
              decryption:
                provider: sops
                secretRef:
                  name: sops-age
            ---
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: cluster-apps
              namespace: flux-system
            spec:
              dependsOn:
                - name: cluster-meta
              interval: 1h
              path: ./kubernetes/apps
              prune: true
              wait: false
              sourceRef:
                kind: GitRepository
                name: flux-system
              postBuild:
                substituteFrom:
                  - kind: ConfigMap
                    name: cluster-settings

            """);
        Write(root, "kubernetes/flux/meta/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: flux-system
            resources:
              - ./cluster-settings.yaml
              - ./cluster-secrets.sops.yaml
              - ./repositories/

            """);
        var settings = Fixture("clusters/homelab/cluster-settings.yaml").Replace("  namespace: flux-system\n", "", StringComparison.Ordinal) + Inv($"""
              CLUSTER_DOMAIN: homelab.example
              NAS_ADDRESS: "192.168.1.{20 + random.Next(20)}"

            """);
        Write(root, "kubernetes/flux/meta/cluster-settings.yaml", settings);
        Write(root, "kubernetes/flux/meta/cluster-secrets.sops.yaml", SopsSecret("cluster-secrets", null, ["SECRET_DOMAIN", "SECRET_ACME_EMAIL"], random));
        // Every chart source of the fixture, listed by a kustomization of this repo's own.
        var repositories = new List<string>();
        foreach (var source in Directory.EnumerateFiles(Path.Combine(fx, "infrastructure/controllers/sources"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (source is null or "kustomization.yaml") continue;
            Write(root, $"kubernetes/flux/meta/repositories/{source}", Fixture($"infrastructure/controllers/sources/{source}"));
            repositories.Add(source);
        }
        Write(root, "kubernetes/flux/meta/repositories/kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n" + string.Concat(repositories.Select(r => $"  - ./{r}\n")) + "\n");

        // Shared components.
        Write(root, "kubernetes/components/common/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            # Each namespace's own copy of the settings its Flux Kustomizations substitute from.
            resources:
              - ./cluster-settings.yaml
              - ./alerts.yaml

            """);
        Write(root, "kubernetes/components/common/cluster-settings.yaml", settings);
        Write(root, "kubernetes/components/common/alerts.yaml", """
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Provider
            metadata:
              name: alertmanager
            spec:
              type: alertmanager
              address: http://alertmanager.monitoring.svc.cluster.local:9093/api/v2/alerts/
            ---
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata:
              name: alertmanager
            spec:
              providerRef:
                name: alertmanager
              eventSeverity: error
              eventSources:
                - kind: HelmRelease
                  name: "*"
                - kind: Kustomization
                  name: "*"

            """);
        Write(root, "kubernetes/components/volsync/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            resources:
              - ./pvc.yaml
              - ./replicationsource.yaml

            """);
        Write(root, "kubernetes/components/volsync/pvc.yaml", """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: ${APP}
            spec:
              accessModes:
                - ReadWriteOnce
              resources:
                requests:
                  storage: ${VOLSYNC_CAPACITY:=5Gi}
              storageClassName: ${VOLSYNC_STORAGECLASS:=ceph-block}

            """);
        Write(root, "kubernetes/components/volsync/replicationsource.yaml", """
            apiVersion: volsync.backube/v1alpha1
            kind: ReplicationSource
            metadata:
              name: ${APP}
            spec:
              sourcePVC: ${APP}
              trigger:
                schedule: "0 * * * *"
              restic:
                repository: ${APP}-volsync
                copyMethod: Snapshot
                pruneIntervalDays: 7
                retain:
                  hourly: 24
                  daily: 7
                storageClassName: ${VOLSYNC_STORAGECLASS:=ceph-block}

            """);
        Write(root, "kubernetes/components/gatus/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            resources:
              - ./config.yaml

            """);
        Write(root, "kubernetes/components/gatus/config.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: ${APP}-gatus-ep
              labels:
                gatus.io/enabled: "true"
            data:
              config.yaml: |
                endpoints:
                  - name: ${APP}
                    group: guarded
                    url: http://${APP}.${NAMESPACE:=default}.svc.cluster.local:${GATUS_PORT:=80}${GATUS_PATH:=/}
                    interval: 1m
                    conditions:
                      - "[STATUS] == 200"

            """);

        // The platform: the fixture's Cilium, Rook-Ceph and Alloy, as apps of their namespaces.
        WriteNamespace(root, "kube-system", ["cilium"], ownNamespace: false);
        Write(root, "kubernetes/apps/kube-system/cilium/ks.yaml",
            FluxKs("cilium", "kube-system", "./kubernetes/apps/kube-system/cilium/app", null, []) + "---\n"
            + FluxKs("cilium-config", "kube-system", "./kubernetes/apps/kube-system/cilium/config", null, [], dependsOn: "cilium", substitute: [("CLUSTER_DOMAIN", "homelab.example")]));
        CopyFolder(fx, "infrastructure/controllers/cilium", root, "kubernetes/apps/kube-system/cilium/app");
        CopyFolder(fx, "infrastructure/configs", root, "kubernetes/apps/kube-system/cilium/config");
        WriteNamespace(root, "rook-ceph", ["rook-ceph"], ownNamespace: false);
        Write(root, "kubernetes/apps/rook-ceph/rook-ceph/ks.yaml", FluxKs("rook-ceph", "rook-ceph", "./kubernetes/apps/rook-ceph/rook-ceph/app", null, [], dependsOn: "cilium", dependsOnNamespace: "kube-system"));
        CopyFolder(fx, "infrastructure/controllers/rook-ceph", root, "kubernetes/apps/rook-ceph/rook-ceph/app");
        WriteNamespace(root, "observability", ["alloy"], ownNamespace: false);
        Write(root, "kubernetes/apps/observability/alloy/ks.yaml", FluxKs("alloy", "observability", "./kubernetes/apps/observability/alloy/app", null, [], dependsOn: "rook-ceph", dependsOnNamespace: "rook-ceph", decrypt: true));
        CopyFolder(fx, "apps/observability", root, "kubernetes/apps/observability/alloy/app");

        // The apps.
        var sops = 0;
        foreach (var ns in Namespaces)
        {
            var apps = Enumerable.Range(0, AppsPerNamespace).Select(a => Inv($"{ns}-app-{a:00}")).ToList();
            WriteNamespace(root, ns, apps, ownNamespace: true);
            for (var a = 0; a < apps.Count; a++) WriteApp(root, ns, apps[a], a, random, ref sops);
        }
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count();
        return Inv($"wrote {root}: {files} files in the real-repo shape, {Namespaces.Length * AppsPerNamespace + 3} apps in {Namespaces.Length + 4} namespaces, {sops + 3} SOPS files, seed {options.Seed}");
    }

    private static void WriteNamespace(string root, string ns, IReadOnlyList<string> apps, bool ownNamespace)
    {
        var text = new StringBuilder(Inv($"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: {ns}
            components:
              - ../../components/common
            resources:

            """));
        if (ownNamespace) text.Append("  - ./namespace.yaml\n");
        foreach (var app in apps) text.Append(Inv($"  - ./{app}/ks.yaml\n"));
        Write(root, $"kubernetes/apps/{ns}/kustomization.yaml", text + "\n");
        if (ownNamespace)
            Write(root, $"kubernetes/apps/{ns}/namespace.yaml", Inv($"""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: {ns}
                  annotations:
                    kustomize.toolkit.fluxcd.io/prune: disabled

                """));
    }

    private static string FluxKs(string app, string ns, string path, string? targetNamespace, IReadOnlyList<string> components,
        string? dependsOn = null, string? dependsOnNamespace = null, IReadOnlyList<(string Key, string Value)>? substitute = null, bool decrypt = false)
    {
        var text = new StringBuilder(Inv($"""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: &app {app}
              namespace: {ns}
            spec:

            """));
        if (targetNamespace is not null) text.Append(Inv($"  targetNamespace: {targetNamespace}\n"));
        text.Append("  commonMetadata:\n    labels:\n      app.kubernetes.io/name: *app\n");
        if (components.Count > 0)
        {
            text.Append("  components:\n");
            foreach (var c in components) text.Append(Inv($"    - ../../../../components/{c}\n"));
        }
        if (dependsOn is not null)
            text.Append(Inv($"  dependsOn:\n    - name: {dependsOn}\n      namespace: {dependsOnNamespace ?? ns}\n"));
        text.Append(Inv($"""
              interval: 1h
              retryInterval: 2m
              timeout: 5m
              path: {path}
              prune: true
              wait: false
              sourceRef:
                kind: GitRepository
                name: flux-system
                namespace: flux-system

            """));
        if (decrypt) text.Append("  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n");
        text.Append("  postBuild:\n    substitute:\n      APP: *app\n");
        foreach (var (key, value) in substitute ?? []) text.Append(Inv($"      {key}: \"{value}\"\n"));
        text.Append("    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n");
        return text.ToString();
    }

    private static void WriteApp(string root, string ns, string app, int a, Random random, ref int sops)
    {
        var dir = $"kubernetes/apps/{ns}/{app}";
        var hasVolume = a % 3 == 0;
        var hasGatus = a % 2 == 1;
        var hasConfig = a % 4 != 3;          // a configMapGenerator from a file
        var hasValues = a % 5 == 2;          // values.yaml through configMapGenerator + valuesFrom
        var hasSops = a % 7 == 4;            // a SOPS-encrypted Secret
        var hasSecretGen = a % 6 == 5;       // a secretGenerator from an env file
        var port = 8000 + random.Next(1000);
        var components = new List<string>();
        if (hasVolume) components.Add("volsync");
        if (hasGatus) components.Add("gatus");
        var substitute = new List<(string, string)> { ("NAMESPACE", ns), ("GATUS_PORT", port.ToString(CultureInfo.InvariantCulture)) };
        if (hasVolume) substitute.Add(("VOLSYNC_CAPACITY", Inv($"{1 + random.Next(20)}Gi")));
        var dependsOn = a == 0 ? ("rook-ceph", "rook-ceph") : (Inv($"{ns}-app-00"), ns);
        Write(root, $"{dir}/ks.yaml", FluxKs(app, ns, $"./{dir}/app", ns, components, dependsOn.Item1, dependsOn.Item2, substitute, decrypt: hasSops));

        var resources = new List<string> { "./ocirepository.yaml", "./helmrelease.yaml" };
        if (hasSops) { resources.Add("./secret.sops.yaml"); sops++; }
        var kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        foreach (var r in resources) kustomization.Append(Inv($"  - {r}\n"));
        if (hasConfig || hasValues)
        {
            kustomization.Append("configMapGenerator:\n");
            if (hasConfig) kustomization.Append(Inv($"  - name: {app}-configmap\n    files:\n      - ./config/settings.yaml\n"));
            if (hasValues) kustomization.Append(Inv($"  - name: {app}-values\n    files:\n      - values.yaml=./values.yaml\n"));
        }
        if (hasSecretGen) kustomization.Append(Inv($"secretGenerator:\n  - name: {app}-env\n    envs:\n      - ./config/app.env\n"));
        kustomization.Append("generatorOptions:\n  disableNameSuffixHash: true\n");
        Write(root, $"{dir}/app/kustomization.yaml", kustomization.ToString());

        Write(root, $"{dir}/app/ocirepository.yaml", Inv($"""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: OCIRepository
            metadata:
              name: {app}
            spec:
              interval: 15m
              layerSelector:
                mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip
                operation: copy
              ref:
                tag: 4.{random.Next(5)}.{random.Next(10)}
              url: oci://ghcr.io/example/charts/app-template

            """));

        var image = Inv($"ghcr.io/example/{app}");
        var release = new StringBuilder(Inv($$"""
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: {{app}}
            spec:
              interval: 1h
              chartRef:
                kind: OCIRepository
                name: {{app}}
              install:
                remediation:
                  retries: -1
              upgrade:
                cleanupOnFail: true
                remediation:
                  retries: 3

            """));
        if (hasValues)
            release.Append(Inv($"  valuesFrom:\n    - kind: ConfigMap\n      name: {app}-values\n      valuesKey: values.yaml\n"));
        release.Append(Inv($$"""
              values:
                controllers:
                  {{app}}:
                    annotations:
                      reloader.stakater.com/auto: "true"
                    containers:
                      app:
                        image:
                          repository: {{image}}
                          tag: {{random.Next(4)}}.{{random.Next(30)}}.{{random.Next(10)}}@sha256:{{Hex(random, 64)}}
                        env:
                          TZ: ${TIMEZONE}
                          APP_PORT: &port {{port}}
                          APP_URL: https://{{app}}.${CLUSTER_DOMAIN}

            """));
        if (hasSops || hasSecretGen)
        {
            release.Append("            envFrom:\n");
            if (hasSops) release.Append(Inv($"              - secretRef:\n                  name: {app}-secret\n"));
            if (hasSecretGen) release.Append(Inv($"              - secretRef:\n                  name: {app}-env\n"));
        }
        release.Append(Inv($$"""
                        probes:
                          liveness: &probes
                            enabled: true
                            custom: true
                            spec:
                              httpGet:
                                path: /healthz
                                port: *port
                              initialDelaySeconds: 0
                              periodSeconds: 10
                              timeoutSeconds: 1
                              failureThreshold: 3
                          readiness: *probes
                        securityContext:
                          allowPrivilegeEscalation: false
                          readOnlyRootFilesystem: true
                          capabilities: { drop: ["ALL"] }
                        resources:
                          requests:
                            cpu: {{10 * (1 + random.Next(20))}}m
                          limits:
                            memory: {{128 * (1 + random.Next(8))}}Mi
                defaultPodOptions:
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 1000
                    runAsGroup: 1000
                    fsGroup: 1000
                    fsGroupChangePolicy: OnRootMismatch
                service:
                  app:
                    controller: {{app}}
                    ports:
                      http:
                        port: *port
                route:
                  app:
                    hostnames: ["{{app}}.${CLUSTER_DOMAIN}"]
                    parentRefs:
                      - name: internal
                        namespace: kube-system
                        sectionName: https

            """));
        if (hasVolume || hasConfig)
        {
            release.Append("    persistence:\n");
            if (hasVolume) release.Append(Inv($"      config:\n        existingClaim: {app}\n        globalMounts:\n          - path: /config\n"));
            if (hasConfig) release.Append(Inv($"      settings:\n        type: configMap\n        name: {app}-configmap\n        globalMounts:\n          - path: /app/settings.yaml\n            subPath: settings.yaml\n            readOnly: true\n"));
            release.Append("      tmp:\n        type: emptyDir\n");
        }
        Write(root, $"{dir}/app/helmrelease.yaml", release.ToString());

        if (hasConfig)
            Write(root, $"{dir}/app/config/settings.yaml", Inv($"""
                # Settings read by {app} at start.
                server:
                  port: {port}
                  workers: {1 + random.Next(8)}
                log:
                  level: {(random.Next(3) == 0 ? "debug" : "info")}
                  format: json
                storage:
                  path: /config
                  retentionDays: {7 * (1 + random.Next(8))}

                """));
        if (hasValues)
            Write(root, $"{dir}/app/values.yaml", Inv($"""
                # Values shared through valuesFrom (ConfigMap {app}-values).
                controllers:
                  {app}:
                    replicas: {1 + random.Next(3)}
                    strategy: RollingUpdate

                """));
        if (hasSecretGen)
            Write(root, $"{dir}/app/config/app.env", Inv($"""
                APP_INSTANCE={app}
                APP_SHARDS={1 + random.Next(8)}

                """));
        if (hasSops)
            Write(root, $"{dir}/app/secret.sops.yaml", SopsSecret($"{app}-secret", null, ["API_KEY", "DB_PASSWORD"], random));
    }

    /// <summary>A Secret as SOPS leaves it: the values ENC[...] and the sops metadata, all made up.</summary>
    private static string SopsSecret(string name, string? ns, IReadOnlyList<string> keys, Random random)
    {
        var text = new StringBuilder(Inv($"apiVersion: v1\nkind: Secret\nmetadata:\n    name: {name}\n"));
        if (ns is not null) text.Append(Inv($"    namespace: {ns}\n"));
        text.Append("type: Opaque\nstringData:\n");
        foreach (var key in keys) text.Append(Inv($"    {key}: {Enc(random, 8 + random.Next(40))}\n"));
        text.Append("sops:\n    age:\n        - recipient: age1qg7synthetic0benchmark0recipient0not0a0real0key0000000000000\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n");
        for (var l = 0; l < 4; l++) text.Append("            ").Append(Base64(random, 48)).Append('\n');
        text.Append("            -----END AGE ENCRYPTED FILE-----\n");
        text.Append(Inv($"    lastmodified: \"2026-0{1 + random.Next(9)}-1{random.Next(10)}T12:00:00Z\"\n"));
        text.Append(Inv($"    mac: {Enc(random, 32)}\n    encrypted_regex: ^(data|stringData)$\n    version: 3.10.2\n"));
        return text.ToString();
    }

    private static string Enc(Random random, int bytes) =>
        $"ENC[AES256_GCM,data:{Base64(random, bytes)},iv:{Base64(random, 32)},tag:{Base64(random, 16)},type:str]";

    private static string Base64(Random random, int bytes)
    {
        var b = new byte[bytes];
        random.NextBytes(b);
        return Convert.ToBase64String(b);
    }

    private static string Hex(Random random, int chars)
    {
        var b = new byte[chars / 2];
        random.NextBytes(b);
        return Convert.ToHexStringLower(b);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A folder of the fixture, whole and in file order, to a folder of the generated repo.</summary>
    private static void CopyFolder(string fixture, string from, string root, string to)
    {
        var source = Path.Combine(fixture, from);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(source, file).Replace('\\', '/');
            Write(root, $"{to}/{relative}", File.ReadAllText(file));
        }
    }

    private static void Write(string root, string relative, string text)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"));
    }
}
