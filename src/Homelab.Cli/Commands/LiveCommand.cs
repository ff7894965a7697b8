using System.CommandLine;
using Homelab.Cli.Output;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Sources;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Live;
using Homelab.Conformance.Spec;
using k8s;
using k8s.Exceptions;

namespace Homelab.Cli.Commands;

/// <summary><c>live</c>: audits a running cluster, read-only, against the architecture spec.</summary>
public static class LiveCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<FileInfo>("--kubeconfig") { Description = "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)." };
        var context = new Option<string>("--context") { Description = "The kubeconfig context (default: its current context)." };
        var inCluster = new Option<bool>("--in-cluster") { Description = "Use the pod's ServiceAccount (when running as the in-cluster CronJob)." };
        var spec = new Option<FileInfo>("--spec") { Description = "The architecture spec (default: $HOMELAB_SPEC, else ./architecture.yaml)." };
        var repo = new Option<DirectoryInfo>("--repo") { Description = "Also read this GitOps repo and show where the cluster has drifted from it." };
        var reports = SharedOptions.Reports();
        var timeout = new Option<int>("--timeout") { Description = "Seconds the whole audit may take.", DefaultValueFactory = _ => 120 };
        var stats = SharedOptions.Stats();
        var strict = SharedOptions.Strict();
        var command = new Command("live", "Audit a running cluster (read-only) against the architecture spec.") { kubeconfig, context, inCluster, spec, repo, reports, timeout, stats, strict };
        command.SetAction((parse, cancel) => Run(parse.GetValue(kubeconfig)?.ToString(), parse.GetValue(context), parse.GetValue(inCluster),
            parse.GetValue(spec)?.ToString() ?? Environment.GetEnvironmentVariable("HOMELAB_SPEC") ?? "architecture.yaml",
            parse.GetValue(repo)?.ToString(), parse.GetValue(reports)?.ToString(), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(stats) ? new ReadStats() : null, parse.GetValue(strict), cancel));
        return command;
    }

    private static async Task<int> Run(string? kubeconfig, string? context, bool inCluster, string specPath, string? repoPath, string? reportsRoot, TimeSpan timeout, ReadStats? stats, bool strict, CancellationToken cancel)
    {
        ArchitectureSpec spec;
        try { spec = SpecLoader.Load(specPath); }
        catch (SpecException e) { return SharedOptions.Fail(e.Message); }

        if (repoPath is not null && !Directory.Exists(repoPath)) return SharedOptions.Fail($"the repository folder {repoPath} does not exist");
        KubernetesClientConfiguration config;
        try
        {
            config = inCluster ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig ?? Environment.GetEnvironmentVariable("KUBECONFIG"), context);
        }
        catch (Exception e) when (e is KubeConfigException or FileNotFoundException or IOException)
        {
            return SharedOptions.Fail($"cannot load the cluster configuration: {e.Message}");
        }

        using var client = new Kubernetes(config);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            var started = DateTimeOffset.Now;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var today = DateOnly.FromDateTime(started.LocalDateTime);
            var api = new KubeApi(client);
            stats?.Mark("start");
            var facts = await new LiveReader(api).ReadAsync(deadline.Token).ConfigureAwait(false);
            var version = await ServerVersion(api, deadline.Token).ConfigureAwait(false);
            stats?.Mark("read");
            var live = Auditor.Run(spec, facts, today);
            stats?.Mark("rules");
            var run = new RunReport(RunReport.NewRunId(started), started, TimeSpan.Zero,
                RunInfo.Metadata(specPath, repoPath) with { ClusterServer = facts.Source, ClusterVersion = version }) { Live = live, Today = today };
            if (repoPath is not null)
            {
                var declared = RepoReader.Read(new RepoOptions(repoPath));
                var repoAudit = Auditor.Run(spec, declared, today);
                ConsoleSummary.Write(Console.Out, repoAudit, specPath, Terminal.UseColour(Console.Out));
                Console.WriteLine();
                run = run with { Static = repoAudit, Drift = Drift.Between(declared, facts) };
            }
            ConsoleSummary.Write(Console.Out, live, specPath, Terminal.UseColour(Console.Out));
            if (repoPath is not null) ConsoleSummary.WriteDrift(Console.Out, run.Drift, repoPath);
            RunInfo.WriteReports(run with { Duration = clock.Elapsed }, reportsRoot);
            if (stats is not null)
            {
                stats.Mark("output");
                stats.Requests = api.Requests;
                stats.Objects = facts.ObjectCount;
                Console.Error.WriteLine(stats.ToLine());
            }
            return SharedOptions.Verdict(run.Conformant, strict, [run.Static, run.Live]);
        }
        catch (KubeApiException e)
        {
            return SharedOptions.Fail(e.Message);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return SharedOptions.Fail($"the audit did not finish within {timeout.TotalSeconds:0} s");
        }
    }

    private static async Task<string?> ServerVersion(KubeApi api, CancellationToken cancel)
    {
        using var version = await api.GetAsync("/version", null, cancel).ConfigureAwait(false);
        return version?.RootElement.TryGetProperty("gitVersion", out var v) == true ? v.GetString() : null;
    }

}
