using System.CommandLine;
using Homelab.Cli.Output;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Reports;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Spec;

namespace Homelab.Cli.Commands;

/// <summary><c>static</c>: audits a GitOps repo, offline, against the architecture spec.</summary>
public static class StaticCommand
{
    public static Command Create()
    {
        var options = new AuditOptions("The GitOps repository to read (default: $HOMELAB_REPO, else the current folder).");
        var command = new Command("static", "Audit the GitOps repository against the architecture spec, offline.");
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var (run, error) = options.Read(parse, Environment.GetEnvironmentVariable("HOMELAB_REPO") ?? Environment.CurrentDirectory);
            if (run is null) return RunOutput.Fail(error!);
            RunReport report;
            var reports = options.Reports(parse);
            // With reports to write, the writers' first use is paid beside the one-core tail of the read.
            if (reports.Root is not null || reports.Format is not null) run = run with { Rendered = () => ReportFolder.WarmUp() };
            try { report = ProgressDisplay.Run(progress => ConformanceRun.Static(run with { Progress = progress })); }
            catch (Exception e) when (e is SpecException or ClusterChoiceException) { return RunOutput.Fail(e.Message); }
            return RunOutput.Finish(report, run, reports, options.Strict(parse));
        });
        return command;
    }
}
