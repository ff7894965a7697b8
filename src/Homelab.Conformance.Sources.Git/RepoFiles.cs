using System.Text;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Sops;

namespace Homelab.Conformance.Sources.Git;

/// <summary>
/// The GitOps repo as files: every path stays inside the repo root, files are read once, and
/// a file that cannot be read (too large, binary, not UTF-8, bad YAML) becomes one problem with
/// its place, never an exception.
/// </summary>
public sealed class RepoFiles
{
    /// <summary>Larger files are not read: manifests are small, and a huge one is a mistake or an attack.</summary>
    public const long MaxFileBytes = 8 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Dictionary<string, IReadOnlyList<YamlDocument>> _yaml = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _text = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public RepoFiles(string root)
    {
        Root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(Root)) throw new DirectoryNotFoundException($"repository folder not found: {root}");
    }

    public string Root { get; }

    public List<InputProblem> Problems { get; } = [];

    /// <summary>A repo-relative path with forward slashes.</summary>
    public string Relative(string absolute)
    {
        var rel = Path.GetRelativePath(Root, absolute).Replace('\\', '/');
        return rel == "." ? "" : rel;
    }

    public string Absolute(string relative) => relative.Length == 0 ? Root : Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>
    /// Resolves <paramref name="path"/> against a repo folder. Null, with a problem at
    /// <paramref name="at"/>, when it leaves the repo (directly or through a symlink).
    /// </summary>
    public string? Resolve(string fromDir, string path, Evidence at)
    {
        var full = path.StartsWith('/') ? Path.GetFullPath(Path.Combine(Root, path.TrimStart('/'))) : Path.GetFullPath(Path.Combine(Absolute(fromDir), path));
        if (Inside(full) && RealPath(full, at) is { } real)
        {
            if (Inside(real)) return Relative(full);
        }
        else if (Inside(full)) return null; // a link loop, reported where it was found
        Report(at, $"'{path}' points outside the repository; it is not read");
        return null;
    }

    public bool IsDirectory(string relative) => Directory.Exists(Absolute(relative));

    public bool IsFile(string relative) => File.Exists(Absolute(relative));

    /// <summary>YAML and YAML-like files below a folder, sorted, symlinks not followed out of the repo.</summary>
    public IEnumerable<string> YamlFilesUnder(string relativeDir, bool recursive = true) =>
        FilesUnder(relativeDir, f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal), recursive);

    /// <summary>Files below a folder whose name passes <paramref name="include"/>, sorted, symlinks not followed out of the repo.</summary>
    public IEnumerable<string> FilesUnder(string relativeDir, Func<string, bool> include, bool recursive = true)
    {
        var dir = Absolute(relativeDir);
        if (!Directory.Exists(dir)) return [];
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(dir, "*", options)
            .Where(include)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(Relative)
            .Order(StringComparer.Ordinal);
    }

    /// <summary>A file's text, or null (with a problem) when it cannot be read as UTF-8 text.</summary>
    public string? ReadText(string relative, Evidence? referencedFrom = null)
    {
        if (_text.TryGetValue(relative, out var cached)) return cached;
        var text = Load(relative, referencedFrom ?? new RepoEvidence(relative, 1, 1, ""), (at, cause) => Report(at, cause));
        _text[relative] = text;
        return text;
    }

    /// <summary>
    /// Reads and parses YAML files on every core, then caches them in the given order, reporting
    /// each file's problems in that order: the same caches and problems as <see cref="ReadYaml"/>
    /// on each file in turn, sooner.
    /// </summary>
    private const string Unrendered = "unrendered template";

    private const int SequentialBelow = 64;

    public void Preload(IReadOnlyList<string> files)
    {
        var todo = files.Where(f => !_yaml.ContainsKey(f) && !_text.ContainsKey(f)).Distinct(StringComparer.Ordinal).ToList();
        var loaded = new (string? Text, IReadOnlyList<YamlDocument> Documents, List<(Evidence At, string Cause)> Problems)[todo.Count];
        // A few files parse faster on this thread than the pool takes to start.
        var parallelism = todo.Count < SequentialBelow ? 1 : Environment.ProcessorCount;
        Parallel.For(0, todo.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            var problems = new List<(Evidence, string)>();
            var text = Load(todo[i], new RepoEvidence(todo[i], 1, 1, ""), (at, cause) => problems.Add((at, cause)));
            IReadOnlyList<YamlDocument> documents = [];
            if (text is not null)
            {
                (documents, var problem) = YamlReader.ReadRepoFile(todo[i], text);
                // An unrendered template is left for whoever reaches it to judge (see RepoIndex).
                if (problem is not null && HasTemplateMarkers(text)) { loaded[i] = (text, [], [(problem.Where, Unrendered)]); return; }
                if (problem is not null) problems.Add((problem.Where, problem.Cause));
                foreach (var document in documents) SopsFile.Check(document.Root, (at, cause) => problems.Add((at, cause)));
            }
            loaded[i] = (text, documents, problems);
        });
        for (var i = 0; i < todo.Count; i++)
        {
            if (loaded[i].Problems is [(_, Unrendered)]) continue;
            foreach (var (at, cause) in loaded[i].Problems) Report(at, cause);
            _text[todo[i]] = loaded[i].Text;
            _yaml[todo[i]] = loaded[i].Documents;
        }
    }

    /// <summary>
    /// A YAML file's documents; a parse error is reported once and the documents before it are kept.
    /// A SOPS-encrypted document edited after encryption is reported (<see cref="SopsFile"/>).
    /// </summary>
    public IReadOnlyList<YamlDocument> ReadYaml(string relative, Evidence? referencedFrom = null)
    {
        if (_yaml.TryGetValue(relative, out var cached)) return cached;
        var text = ReadText(relative, referencedFrom);
        IReadOnlyList<YamlDocument> documents = [];
        if (text is not null)
        {
            (documents, var problem) = YamlReader.ReadRepoFile(relative, text);
            if (problem is not null) Report(problem.Where, problem.Cause);
            foreach (var document in documents) SopsFile.Check(document.Root, (at, cause) => Report(at, cause));
        }
        _yaml[relative] = documents;
        return documents;
    }

    /// <summary>Records a problem once per place and cause.</summary>
    public void Report(Evidence at, string cause, Severity severity = Severity.Error)
    {
        if (_reported.Add($"{at.Location}|{cause}")) Problems.Add(new InputProblem(at, cause, severity));
    }

    /// <summary>Reads a file; touches no shared state (problems go to <paramref name="report"/>), so files load in parallel.</summary>
    private string? Load(string relative, Evidence at, Action<Evidence, string> report)
    {
        var full = Absolute(relative);
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists) { report(at, $"file '{relative}' does not exist"); return null; }
            if (info.Length > MaxFileBytes)
            {
                report(new RepoEvidence(relative, 1, 1, ""), $"file is {info.Length / (1024 * 1024)} MiB, over the {MaxFileBytes / (1024 * 1024)} MiB limit; it is not read");
                return null;
            }
            var bytes = File.ReadAllBytes(full);
            var nul = Array.IndexOf(bytes, (byte)0);
            if (nul >= 0)
            {
                report(new RepoEvidence(relative, LineOf(bytes, nul), 1, ""), "file is binary (holds a NUL byte); it is not read");
                return null;
            }
            try
            {
                return StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException e)
            {
                report(new RepoEvidence(relative, LineOf(bytes, e.Index), 1, ""), "file is not valid UTF-8; it is not read");
                return null;
            }
        }
        catch (IOException e)
        {
            report(at, $"file '{relative}' cannot be read: {e.Message}");
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            report(at, $"file '{relative}' cannot be read: {e.Message}");
            return null;
        }
    }

    /// <summary>Whether text holds Jinja or Go template markers (<c>{{</c>, <c>{%</c>, <c>{#</c>): it may be YAML only once rendered.</summary>
    public static bool HasTemplateMarkers(string text) =>
        text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal) || text.Contains("{#", StringComparison.Ordinal);

    private static int LineOf(byte[] bytes, int index) =>
        1 + bytes.AsSpan(0, Math.Clamp(index, 0, bytes.Length)).Count((byte)'\n');

    private bool Inside(string full) =>
        full == Root || full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symlink resolved; null (reported) on a link loop.</summary>
    private string? RealPath(string full, Evidence at)
    {
        try
        {
            var current = Root;
            foreach (var part in Path.GetRelativePath(Root, full).Split(Path.DirectorySeparatorChar))
            {
                if (part is "." or "") continue;
                current = Path.Combine(current, part);
                FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
                if (info.LinkTarget is not null) current = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? current;
            }
            return current;
        }
        catch (IOException)
        {
            // The system's message names the absolute path; the repo-relative one is enough.
            Report(at, $"cannot follow '{Relative(full)}': its symbolic links loop (or nest too deep)");
            return null;
        }
    }
}
