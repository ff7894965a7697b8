using System.Text.RegularExpressions;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git.Talos;

/// <summary>
/// Reads Talos files through <see cref="RepoFiles"/>, holding back templated ones: a Jinja or
/// Go template (template syntax in a <c>.j2</c>, <c>.tpl</c>, <c>.tmpl</c> file, or YAML that only
/// parses once rendered) is not rendered offline, so a Talos-looking one becomes a warning and is
/// not read. A template-named file without template syntax is plain YAML and is read.
/// </summary>
internal static partial class TalosFiles
{
    public const string TemplateWarning = "templated Talos config is not rendered offline; its values are not read";

    private static readonly string[] TemplateExtensions = [".j2", ".jinja", ".jinja2", ".tpl", ".tmpl", ".gotmpl"];

    [GeneratedRegex(@"^(?:machine:\s*$|version:\s*['""]?v1alpha1|apiVersion:\s*['""]?v1alpha1['""]?\s*$)", RegexOptions.Multiline)]
    private static partial Regex TalosLine();

    [GeneratedRegex(@"^cluster:\s*$[\s\S]*^\s+(?:allowSchedulingOnControlPlanes|proxy|cni|apiServer|controllerManager|etcd):", RegexOptions.Multiline)]
    private static partial Regex TalosCluster();

    // Names read as spans, and loops rather than lambdas: these run for every file of the repo.
    public static bool IsTalconfig(string file) => Path.GetFileName(file.AsSpan()) is "talconfig.yaml" or "talconfig.yml";

    /// <summary>talhelper's secrets and variables: they hold no settings, only values that fill them.</summary>
    public static bool IsTalhelperData(string file) =>
        Path.GetFileName(file.AsSpan()) is var name && (name.StartsWith("talsecret", StringComparison.Ordinal) || name.StartsWith("talenv", StringComparison.Ordinal));

    public static bool IsTemplate(string file)
    {
        foreach (var extension in TemplateExtensions)
            if (file.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// A file's documents, or null when it is templated (warned when it looks like Talos, or
    /// when a talconfig refers to it) or unreadable (reported by <see cref="RepoFiles"/>).
    /// </summary>
    public static IReadOnlyList<YamlDocument>? Read(RepoFiles repo, ProblemLog problems, string file, Evidence? referencedFrom = null)
    {
        if (IsTemplate(file))
        {
            if (repo.ReadText(file, referencedFrom) is not { } template) return null;
            // Rendering a file without template syntax changes nothing: it is read as the YAML it is.
            if (repo.IsPlainYaml(file, template)) return repo.ReadYaml(file, referencedFrom);
            if (referencedFrom is not null || LooksLikeTalos(file, template)) WarnTemplate(repo, problems, file, template);
            return null;
        }
        if (!repo.IsText(file, referencedFrom)) return null;
        if (repo.IsUnrenderedTemplate(file))
        {
            // A template that is not YAML before rendering is not an error of the repo.
            var text = repo.ReadText(file, referencedFrom)!;
            if (referencedFrom is not null || LooksLikeTalos(file, text)) WarnTemplate(repo, problems, file, text);
            return null;
        }
        return repo.ReadYaml(file, referencedFrom);
    }

    /// <summary>
    /// The files that may be Talos config: every YAML file, and every template-named one without
    /// template syntax that parses as YAML (<c>nodes/n1.yaml.j2</c>), which rendering leaves as it is.
    /// </summary>
    public static IEnumerable<string> Candidates(RepoFiles repo, RepoScan scan) =>
        scan.Yaml.Concat(scan.Templates.Where(f => repo.ReadText(f) is { } text && repo.IsPlainYaml(f, text))).Order(StringComparer.Ordinal);

    /// <summary>Warns about every templated Talos file of the repo that was not read already (named by a talconfig, or a plain-YAML candidate).</summary>
    public static void WarnTemplates(RepoFiles repo, ProblemLog problems, RepoScan scan, IReadOnlySet<string> read, Func<string, bool> inScope)
    {
        foreach (var file in scan.Templates.Where(f => !read.Contains(f) && inScope(f)))
            Read(repo, problems, file);
    }

    /// <summary>The repo's YAML files and template-named files, each sorted: found in one walk of its folders, not one per use.</summary>
    public sealed record RepoScan(IReadOnlyList<string> Yaml, IReadOnlyList<string> Templates)
    {
        public static RepoScan Of(RepoFiles repo)
        {
            // The names RepoFiles.YamlFilesUnder takes as YAML.
            static bool IsYaml(string f) => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal);
            var files = repo.FilesUnder("", f => IsYaml(f) || IsTemplate(f)).ToList();
            return new(files.Where(IsYaml).ToList(), files.Where(IsTemplate).ToList());
        }
    }

    private static bool LooksLikeTalos(string file, string text) =>
        Path.GetFileName(file).StartsWith("talconfig", StringComparison.Ordinal) || TalosLine().IsMatch(text) || TalosCluster().IsMatch(text);

    /// <summary>One warning per file; when the unrendered text is not YAML, at the line where it stops being YAML.</summary>
    private static void WarnTemplate(RepoFiles repo, ProblemLog problems, string file, string text)
    {
        var problem = repo.TemplateProblem(file, text);
        if (problem is null) problems.Warning(new RepoEvidence(file, 1, 1, ""), TemplateWarning);
        else problems.Warning(problem.Where, $"{TemplateWarning}; unrendered, it is {problem.Cause}");
    }
}
