using System.Globalization;
using System.Text;

namespace Homelab.RepoGen;

/// <summary>
/// Writes a GitOps repo for this stack: the fixture repo (Talos config, Cilium, Rook-Ceph, Flux
/// entry, Alloy) plus N generated Flux Kustomizations. Each is a kustomize overlay over a base
/// (resources, a strategic-merge and a JSON6902 patch, configMapGenerator from files and envs),
/// deployed by a Flux Kustomization with postBuild substitute and substituteFrom, and holds two
/// HelmReleases with values and valuesFrom. Every generated Kustomization is 10 files and 50
/// rendered objects. The same options always give the same bytes.
/// </summary>
public static class RepoGenerator
{
    public const int FilesPerKustomization = 10;
    public const int ObjectsPerKustomization = 50;
    private const int Services = 8;

    public static string Write(GenOptions options)
    {
        if (Directory.Exists(options.Out)) Directory.Delete(options.Out, recursive: true);
        CopyTree(options.Fixture, options.Out);
        var random = new Random(options.Seed);
        var talosPatches = options.Kustomizations / 50;
        for (var i = 0; i < options.Kustomizations; i++) WriteKustomization(options.Out, i, random);
        WriteTalosPatches(options.Out, talosPatches, random);
        var files = Directory.EnumerateFiles(options.Out, "*", SearchOption.AllDirectories).Count();
        return string.Create(CultureInfo.InvariantCulture,
            $"wrote {options.Out}: {files} files, {options.Kustomizations} generated Flux Kustomizations ({options.Kustomizations * ObjectsPerKustomization} generated objects), seed {options.Seed}");
    }

    /// <summary>The overlay folder of each generated Kustomization, for peers that render them (kubectl kustomize).</summary>
    public static string OverlayPath(int i) => $"apps/generated/{Name(i)}/overlay";

    private static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"app-{i:0000}");

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static void Write(string root, string relative, string text)
    {
        var full = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void WriteKustomization(string root, int i, Random random)
    {
        var app = Name(i);
        var dir = $"apps/generated/{app}";
        // 1: the Flux Kustomization, reached from clusters/homelab (the flux-system sync path).
        Write(root, $"clusters/homelab/generated/{app}.yaml", Inv($$"""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: {{app}}
              namespace: flux-system
            spec:
              dependsOn:
                - name: infra-configs
              interval: 30m
              retryInterval: 1m
              timeout: 5m
              path: ./{{dir}}/overlay
              prune: true
              wait: true
              sourceRef:
                kind: GitRepository
                name: flux-system
              postBuild:
                substitute:
                  APP_NAME: {{app}}
                  APP_TIER: tier-{{i % 4}}
                substituteFrom:
                  - kind: ConfigMap
                    name: cluster-settings

            """));

        // 2: the base kustomization, with a generated ConfigMap that the HelmReleases read through valuesFrom.
        Write(root, $"{dir}/base/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - workloads.yaml
              - services.yaml
              - config.yaml
              - helmreleases.yaml
            configMapGenerator:
              - name: helm-values
                files:
                  - values.yaml=values.yaml
                options:
                  disableNameSuffixHash: true

            """);

        // 3: Namespace and Deployments.
        var workloads = new StringBuilder(Inv($$"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {{app}}
              labels:
                app.kubernetes.io/part-of: ${APP_NAME}

            """));
        for (var s = 0; s < Services; s++)
        {
            workloads.Append(Inv($$"""
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: svc-{{s}}
                  labels:
                    app.kubernetes.io/name: svc-{{s}}
                    app.kubernetes.io/part-of: ${APP_NAME}
                    tier: ${APP_TIER}
                spec:
                  replicas: {{1 + random.Next(3)}}
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: svc-{{s}}
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: svc-{{s}}
                    spec:
                      serviceAccountName: svc-{{s}}
                      containers:
                        - name: main
                          image: ghcr.io/example/svc-{{s}}:1.{{random.Next(20)}}.{{random.Next(10)}}
                          ports:
                            - name: http
                              containerPort: {{8080 + random.Next(10)}}
                          env:
                            - name: CLUSTER
                              value: ${CLUSTER_NAME}
                            - name: TZ
                              value: ${TIMEZONE}
                            - name: LOG_LEVEL
                              value: ${LOG_LEVEL:=info}
                          resources:
                            requests:
                              cpu: {{10 * (1 + random.Next(20))}}m
                              memory: {{32 * (1 + random.Next(8))}}Mi
                            limits:
                              memory: 512Mi

                """));
        }
        Write(root, $"{dir}/base/workloads.yaml", workloads.ToString());

        // 4: Services, PodDisruptionBudgets and Cilium network policies.
        var services = new StringBuilder();
        for (var s = 0; s < Services; s++)
        {
            services.Append(Inv($$"""
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-{{s}}
                spec:
                  selector:
                    app.kubernetes.io/name: svc-{{s}}
                  ports:
                    - name: http
                      port: 80
                      targetPort: http
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: svc-{{s}}
                spec:
                  maxUnavailable: 1
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: svc-{{s}}

                """));
        }
        for (var p = 0; p < 4; p++)
        {
            services.Append(Inv($$"""
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata:
                  name: allow-svc-{{p}}
                spec:
                  endpointSelector:
                    matchLabels:
                      app.kubernetes.io/name: svc-{{p}}
                  ingress:
                    - fromEndpoints:
                        - matchLabels:
                            app.kubernetes.io/part-of: ${APP_NAME}
                      toPorts:
                        - ports:
                            - port: "{{8080 + p}}"
                              protocol: TCP

                """));
        }
        Write(root, $"{dir}/base/services.yaml", services.ToString());

        // 5: ServiceAccounts and ConfigMaps.
        var config = new StringBuilder();
        for (var s = 0; s < Services; s++)
        {
            config.Append(Inv($$"""
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: svc-{{s}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: svc-{{s}}-config
                data:
                  cluster: ${CLUSTER_NAME}
                  workers: "{{1 + random.Next(16)}}"
                  endpoint: http://svc-{{(s + 1) % Services}}.{{app}}.svc.cluster.local

                """));
        }
        Write(root, $"{dir}/base/config.yaml", config.ToString());

        // 6: HelmReleases with inline values over valuesFrom.
        var releases = new StringBuilder();
        foreach (var (release, chart) in new[] { ("cache", "redis"), ("queue", "nats") })
        {
            releases.Append(Inv($$"""
                ---
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: {{release}}
                spec:
                  interval: 30m
                  chart:
                    spec:
                      chart: {{chart}}
                      version: ">=1.0.0 <2.0.0"
                      sourceRef:
                        kind: HelmRepository
                        name: grafana
                        namespace: flux-system
                  install:
                    remediation:
                      retries: 3
                  valuesFrom:
                    - kind: ConfigMap
                      name: helm-values
                      valuesKey: values.yaml
                  values:
                    replicaCount: {{1 + random.Next(3)}}
                    fullnameOverride: ${APP_NAME}-{{release}}
                    persistence:
                      enabled: true
                      storageClass: ceph-block
                      size: {{1 + random.Next(50)}}Gi

                """));
        }
        Write(root, $"{dir}/base/helmreleases.yaml", releases.ToString());

        // 7: the values file behind valuesFrom.
        Write(root, $"{dir}/base/values.yaml", Inv($$"""
            # Values shared by this app's HelmReleases (valuesFrom: ConfigMap helm-values).
            image:
              pullPolicy: IfNotPresent
            resources:
              requests:
                cpu: {{50 + random.Next(200)}}m
                memory: {{64 * (1 + random.Next(8))}}Mi
            metrics:
              enabled: true
              serviceMonitor:
                enabled: {{(random.Next(2) == 0 ? "true" : "false")}}
            tolerations: []

            """));

        // 8: the overlay: namespace, a strategic-merge and a JSON6902 patch, an env generator.
        Write(root, $"{dir}/overlay/kustomization.yaml", Inv($$"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: {{app}}
            resources:
              - ../base
            patches:
              - path: patch-deployments.yaml
              - target:
                  kind: Deployment
                  name: svc-1
                patch: |-
                  - op: replace
                    path: /spec/replicas
                    value: {{2 + random.Next(3)}}
                  - op: add
                    path: /metadata/annotations
                    value:
                      bench.example/patched: json6902
            configMapGenerator:
              - name: app-settings
                envs:
                  - app.env

            """));

        // 9: the strategic-merge patch (containers merge by name).
        Write(root, $"{dir}/overlay/patch-deployments.yaml", Inv($$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: svc-0
            spec:
              replicas: {{2 + random.Next(3)}}
              template:
                spec:
                  containers:
                    - name: main
                      env:
                        - name: FEATURE_FLAGS
                          value: "a,b,{{random.Next(100)}}"

            """));

        // 10: the env file behind configMapGenerator.
        Write(root, $"{dir}/overlay/app.env", Inv($$"""
            APP_ID={{i}}
            SHARDS={{1 + random.Next(8)}}
            REGION=homelab

            """));
    }

    /// <summary>Extra Talos patches for every node (sysctls), listed in talconfig.yaml's global patches.</summary>
    private static void WriteTalosPatches(string root, int count, Random random)
    {
        if (count == 0) return;
        var talconfig = Path.Combine(root, "talos", "talconfig.yaml");
        var lines = File.ReadAllLines(talconfig).ToList();
        var at = lines.FindIndex(l => l.Contains("@./patches/cluster.yaml", StringComparison.Ordinal));
        if (at < 0) throw new InvalidDataException("talconfig.yaml has no global patch '@./patches/cluster.yaml' to add after");
        for (var p = 0; p < count; p++)
        {
            var name = Inv($"generated-{p:000}.yaml");
            Write(root, $"talos/patches/{name}", Inv($$"""
                machine:
                  sysctls:
                    net.core.somaxconn: "{{1024 * (1 + random.Next(8))}}"
                    vm.max_map_count: "{{262144 + p}}"

                """));
            lines.Insert(at + 1 + p, $"  - \"@./patches/{name}\"");
        }
        File.WriteAllText(talconfig, string.Join('\n', lines) + "\n");
    }
}
