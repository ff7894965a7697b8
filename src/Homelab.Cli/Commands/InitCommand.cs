using System.CommandLine;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Docs;
using Homelab.Conformance.Spec;

namespace Homelab.Cli.Commands;

/// <summary><c>init</c>: writes a starter architecture.yaml (the reference architecture, each key commented) to edit.</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var repo = new Option<DirectoryInfo>("--repo") { Description = "The GitOps repository to write architecture.yaml into (default: the current folder)." };
        var force = new Option<bool>("--force") { Description = "Replace an architecture.yaml that is already there." };
        var fromDocs = new Option<string>("--from-docs") { Description = "Write it from the architecture page (a Markdown file, or a folder of pages): each key the docs state, commented with the line it came from." };
        var command = new Command("init", "Write a starter architecture.yaml (the reference architecture, each key commented) into the repo.") { repo, force, fromDocs };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(repo)?.ToString() ?? Environment.CurrentDirectory;
            if (!Directory.Exists(folder)) return RunOutput.Fail($"the repository folder {folder} does not exist");
            var target = Path.Combine(folder, "architecture.yaml");
            if (File.Exists(target) && !parse.GetValue(force)) return RunOutput.Fail($"{target} already exists (--force replaces it)");
            if (parse.GetValue(fromDocs) is { } docs) return FromDocs(folder, docs, target);
            File.WriteAllText(target, ReferenceSpec.Text);
            Console.WriteLine($"Wrote {target}: the reference architecture. Edit it to say what your cluster must be, then run `homelab-audit static --repo {folder}`.");
            return ExitCode.Conformant;
        });
        return command;
    }

    /// <summary>The spec written from the docs: each key they state with its line; the claims no key takes are listed.</summary>
    private static int FromDocs(string folder, string docs, string target)
    {
        var full = Path.GetFullPath(docs);
        // Pages inside the repo are named from its root, as every other evidence is.
        var root = full.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? Path.GetFullPath(folder) : Path.GetDirectoryName(full)!;
        var pages = DocsReader.Pages(root, Path.GetRelativePath(root, full));
        if (pages.Count == 0) return RunOutput.Fail($"{docs}: no Markdown page there");
        var read = DocsReader.Read(root, pages);
        var written = DocsSpec.Write(read);
        File.WriteAllText(target, written.Text);
        Console.WriteLine($"Wrote {target} from {string.Join(", ", pages)}: {written.FromDocs.Count} keys from the docs, the others the reference architecture's (marked `(reference)`).");
        foreach (var claim in written.Unmapped) Console.WriteLine($"  not mapped to a key: {claim.At.Location}: {claim.Key} = {claim.Value}");
        foreach (var (at, text) in read.NotUnderstood) Console.WriteLine($"  not understood: {at.Location}: {Printable.Escape(text.Length > 100 ? text[..100] + "..." : text)}");
        return ExitCode.Conformant;
    }
}
