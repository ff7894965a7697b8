using System.CommandLine;
using Homelab.Cli.Output;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Sources.Live;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Spec;
using k8s;
using k8s.Exceptions;

namespace Homelab.Cli.Commands;

/// <summary><c>live</c>: audits a running cluster, read-only, against the architecture spec; with <c>--repo</c>, also the drift from the repo.</summary>
public static class LiveCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<FileInfo>("--kubeconfig") { Description = "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)." };
        var context = new Option<string>("--context") { Description = "The kubeconfig context (default: its current context)." };
        var inCluster = new Option<bool>("--in-cluster") { Description = "Use the pod's ServiceAccount (when running as the in-cluster CronJob)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds the whole audit may take.", DefaultValueFactory = _ => 120 };
        var options = new AuditOptions("Also read this GitOps repo and show where the cluster has drifted from it.");
        var command = new Command("live", "Audit a running cluster (read-only) against the architecture spec.") { kubeconfig, context, inCluster, timeout };
        options.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var (run, error) = options.Read(parse, defaultRepo: null);
            if (run is null) return RunOutput.Fail(error!);
            KubernetesClientConfiguration config;
            try
            {
                config = parse.GetValue(inCluster) ? KubernetesClientConfiguration.InClusterConfig()
                    : KubernetesClientConfiguration.BuildConfigFromConfigFile(parse.GetValue(kubeconfig)?.ToString() ?? Environment.GetEnvironmentVariable("KUBECONFIG"), parse.GetValue(context));
            }
            catch (Exception e) when (e is KubeConfigException or FileNotFoundException or IOException)
            {
                return RunOutput.Fail($"cannot load the cluster configuration: {e.Message}");
            }
            var seconds = parse.GetValue(timeout);
            using var client = new Kubernetes(config);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
            var api = new KubeApi(client);
            try
            {
                var report = await ProgressDisplay.RunAsync(progress => run.RepoPath is null
                    ? ConformanceRun.LiveAsync(run with { Progress = progress }, api, deadline.Token)
                    : ConformanceRun.AllAsync(run with { Progress = progress }, api, deadline.Token)).ConfigureAwait(false);
                return RunOutput.Finish(report, run, options.Reports(parse), options.Strict(parse));
            }
            catch (Exception e) when (e is SpecException or ClusterChoiceException) { return RunOutput.Fail(e.Message); }
            catch (KubeApiException e) { return RunOutput.Fail(e.Message); }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                return RunOutput.Fail($"the audit did not finish within {seconds} s");
            }
        });
        return command;
    }
}
