using System.CommandLine;
using Homelab.Conformance.Spec;

namespace Homelab.Cli.Commands;

/// <summary><c>init</c>: writes a starter architecture.yaml (the reference architecture, each key commented) to edit.</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var repo = new Option<DirectoryInfo>("--repo") { Description = "The GitOps repository to write architecture.yaml into (default: the current folder)." };
        var force = new Option<bool>("--force") { Description = "Replace an architecture.yaml that is already there." };
        var command = new Command("init", "Write a starter architecture.yaml (the reference architecture, each key commented) into the repo.") { repo, force };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(repo)?.ToString() ?? Environment.CurrentDirectory;
            if (!Directory.Exists(folder)) return RunOutput.Fail($"the repository folder {folder} does not exist");
            var target = Path.Combine(folder, "architecture.yaml");
            if (File.Exists(target) && !parse.GetValue(force)) return RunOutput.Fail($"{target} already exists (--force replaces it)");
            File.WriteAllText(target, ReferenceSpec.Text);
            Console.WriteLine($"Wrote {target}: the reference architecture. Edit it to say what your cluster must be, then run `homelab-audit static --repo {folder}`.");
            return ExitCode.Conformant;
        });
        return command;
    }
}
