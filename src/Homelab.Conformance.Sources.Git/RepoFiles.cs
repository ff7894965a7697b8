using System.Collections.Concurrent;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Sops;

namespace Homelab.Conformance.Sources.Git;

/// <summary>
/// The GitOps repo as files: every path stays inside the repo root, files are read and parsed
/// once, and a file that cannot be read (too large, binary, not UTF-8, bad YAML, a SOPS file
/// edited after encryption) becomes a problem in the log with its place, never an exception.
/// </summary>
public sealed class RepoFiles
{
    /// <summary>Larger files are not read: manifests are small, and a huge one is a mistake or an attack.</summary>
    public const long MaxFileBytes = 8 * 1024 * 1024;

    /// <summary>Below this many files, parsing on the calling thread is faster than starting the pool.</summary>
    private const int SequentialBelow = 64;

    private readonly ProblemLog _problems;
    private readonly FileCache _cache;

    public RepoFiles(string root, ProblemLog problems)
    {
        Root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(Root)) throw new DirectoryNotFoundException($"repository folder not found: {root}");
        _problems = problems;
        _cache = new FileCache();
    }

    private RepoFiles(RepoFiles shared, ProblemLog problems)
    {
        Root = shared.Root;
        _problems = problems;
        _cache = shared._cache;
    }

    /// <summary>
    /// The same files, read and parsed once for both, reporting to another log: for work done in
    /// parallel, whose log is appended to the repo's in a fixed order afterwards.
    /// </summary>
    public RepoFiles ReportingTo(ProblemLog problems) => new(this, problems);

    /// <summary>What every reader of the repo shares: each file's text, documents and problems, safe to fill from several threads.</summary>
    private sealed class FileCache
    {
        public ConcurrentDictionary<string, IReadOnlyList<YamlDocument>> Yaml { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, string?> Text { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, bool> Unrendered { get; } = new(StringComparer.Ordinal);

        /// <summary>The files whose parse ran into a problem (kept with their documents up to it).</summary>
        public ConcurrentDictionary<string, bool> ParseFailed { get; } = new(StringComparer.Ordinal);

        /// <summary>Each file parsed and found not YAML as it stands: where and why, for a warning about the template without parsing it again.</summary>
        public ConcurrentDictionary<string, InputProblem> TemplateProblem { get; } = new(StringComparer.Ordinal);

        /// <summary>A parse made to judge a template-named file, handed to the first <see cref="ReadYaml"/> of it so the file is parsed once.</summary>
        public ConcurrentDictionary<string, (IReadOnlyList<YamlDocument> Documents, InputProblem? Problem)> Parsed { get; } = new(StringComparer.Ordinal);

        /// <summary>Each path inside the repo with its symlinks resolved, as <see cref="RealPath"/> found it.</summary>
        public ConcurrentDictionary<string, string> RealPaths { get; } = new(StringComparer.Ordinal);

        /// <summary>What reading or parsing each file ran into, said again at each later read so that whoever reads it learns it.</summary>
        public ConcurrentDictionary<string, InputProblem[]> Problems { get; } = new(StringComparer.Ordinal);
    }

    public string Root { get; }

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
        _problems.Error(at, $"'{path}' points outside the repository; it is not read");
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

    /// <summary>
    /// A file's bytes, for what may hold any (a generator's <c>files:</c> entry: kustomize puts what is
    /// not UTF-8 text in <c>binaryData</c>); null, with a problem, when it is missing or over the limit.
    /// </summary>
    public byte[]? ReadBytes(string relative, Evidence referencedFrom)
    {
        var info = new FileInfo(Absolute(relative));
        if (!info.Exists) { _problems.Error(referencedFrom, $"file '{Printable.Escape(relative)}' does not exist"); return null; }
        if (FileKinds.NotAFile(info.FullName) is { } what) { _problems.Error(referencedFrom, $"'{Printable.Escape(relative)}' is {what}, not a file; it is not read"); return null; }
        if (info.Length > MaxFileBytes)
        {
            _problems.Error(Start(relative), $"file is {info.Length / (1024 * 1024)} MiB, over the {MaxFileBytes / (1024 * 1024)} MiB limit; it is not read");
            return null;
        }
        try { return File.ReadAllBytes(info.FullName); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _problems.Error(referencedFrom, $"file '{Printable.Escape(relative)}' cannot be read: {e.Message}");
            return null;
        }
    }

    /// <summary>A file's text, or null (with a problem) when it cannot be read as UTF-8 text.</summary>
    public string? ReadText(string relative, Evidence? referencedFrom = null)
    {
        if (_cache.Text.TryGetValue(relative, out var cached))
        {
            Repeat(relative);
            return cached;
        }
        var log = new ProblemLog();
        var text = FileText.Read(Absolute(relative), relative, referencedFrom ?? Start(relative), log);
        _cache.Text[relative] = text;
        // A file parsed before had its problems kept then: they are said again, as for any file read twice.
        if (_cache.Yaml.ContainsKey(relative)) Repeat(relative);
        else Keep(relative, log);
        return text;
    }

    /// <summary>
    /// Whether a file reads as text, as <see cref="ReadText"/> says (its problems reported alike), without
    /// reading again the text of a file parsed already.
    /// </summary>
    public bool IsText(string relative, Evidence? referencedFrom = null)
    {
        if (_cache.Text.ContainsKey(relative) || !_cache.Yaml.ContainsKey(relative)) return ReadText(relative, referencedFrom) is not null;
        Repeat(relative);
        return true;
    }

    /// <summary>
    /// A YAML file's documents; a parse error is reported once and the documents before it are kept.
    /// A SOPS-encrypted document edited after encryption is reported (<see cref="SopsFile"/>).
    /// </summary>
    public IReadOnlyList<YamlDocument> ReadYaml(string relative, Evidence? referencedFrom = null)
    {
        if (_cache.Yaml.TryGetValue(relative, out var cached))
        {
            Repeat(relative);
            return cached;
        }
        var text = ReadText(relative, referencedFrom);
        var log = new ProblemLog();
        var documents = text is null ? [] : Parse(relative, text, log, deferTemplate: false, _cache.Parsed.TryRemove(relative, out var parsed) ? parsed : null)!;
        _cache.Yaml[relative] = documents;
        Keep(relative, log);
        return documents;
    }

    /// <summary>
    /// Reads and parses files on every core, then caches them and logs each file's problems in the
    /// given order: the same caches and problems as <see cref="ReadYaml"/> on each file in turn,
    /// sooner. A template that is not YAML until rendered is left for whoever reaches it to judge
    /// (<see cref="IsUnrenderedTemplate"/>).
    /// </summary>
    public void Preload(IReadOnlyList<string> files)
    {
        var todo = files.Where(f => !_cache.Yaml.ContainsKey(f) && !_cache.Text.ContainsKey(f)).Distinct(StringComparer.Ordinal).ToList();
        var loaded = new (bool Read, string? Text, IReadOnlyList<YamlDocument>? Documents, ProblemLog Problems, InputProblem? Deferred)[todo.Count];
        var parallelism = todo.Count < SequentialBelow ? 1 : Environment.ProcessorCount;
        Parallel.For(0, todo.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            var problems = new ProblemLog();
            // The text is parsed from a pooled buffer; it becomes a string only for the files YamlDotNet reads.
            if (FileText.ReadPooled(Absolute(todo[i]), todo[i], Start(todo[i]), problems) is not { } pooled)
            {
                loaded[i] = (false, null, [], problems, null);
                return;
            }
            try
            {
                var (documents, problem, text) = YamlReader.ReadRepoFile(todo[i], pooled.Buffer, pooled.Length);
                InputProblem? deferred = null;
                loaded[i] = (true, text, Parse(todo[i], text, problems, deferTemplate: true, (documents, problem), d => deferred = d), problems, deferred);
            }
            finally
            {
                pooled.Return();
            }
        });
        for (var i = 0; i < todo.Count; i++)
        {
            var (read, text, documents, problems, deferred) = loaded[i];
            // The text of a file parsed is let go (a third of what the index holds); a later ReadText reads it again.
            if (documents is null || !read) _cache.Text[todo[i]] = text;
            _cache.Unrendered[todo[i]] = documents is null;
            if (deferred is not null) _cache.TemplateProblem[todo[i]] = deferred;
            if (documents is null) continue;
            _cache.Yaml[todo[i]] = documents;
            // Kept with the file, not logged: a file is the repo's problem only once a reader uses it
            // (a broken file that Flux and Talos never read is not what the cluster runs).
            Keep(todo[i], problems, log: false);
        }
    }

    /// <summary>
    /// Whether a file is a template not yet rendered (a Helm chart's templates, a Jinja or Go-templated
    /// patch): it holds template markers and is not YAML as it stands. It is no error of the repo
    /// until something applies it: Flux applying it is an error, as Flux would fail.
    /// </summary>
    public bool IsUnrenderedTemplate(string relative)
    {
        if (_cache.Unrendered.TryGetValue(relative, out var known)) return known;
        var problem = Quietly(() => ReadText(relative)) is { } text && HasTemplateMarkers(text) ? YamlReader.ReadRepoFile(relative, text).Problem : null;
        if (problem is not null) _cache.TemplateProblem[relative] = problem;
        _cache.Unrendered[relative] = problem is not null;
        return problem is not null;
    }

    /// <summary>
    /// Where and why a file's text is not YAML before rendering (null when it parses): from the parse
    /// made already when there was one, so a template is parsed once.
    /// </summary>
    public InputProblem? TemplateProblem(string relative, string text)
    {
        if (_cache.TemplateProblem.TryGetValue(relative, out var known)) return known;
        var problem = YamlReader.ReadRepoFile(relative, text).Problem;
        if (problem is not null) _cache.TemplateProblem[relative] = problem;
        return problem;
    }

    /// <summary>
    /// Whether a template-named file is plain YAML as it stands (no template markers, and it parses):
    /// rendering leaves it as it is. The parse is kept for the file's first <see cref="ReadYaml"/>.
    /// </summary>
    public bool IsPlainYaml(string relative, string text)
    {
        if (HasTemplateMarkers(text)) return false;
        if (_cache.Yaml.ContainsKey(relative)) return !_cache.ParseFailed.ContainsKey(relative);
        if (_cache.Parsed.TryGetValue(relative, out var parsed)) return parsed.Problem is null;
        parsed = YamlReader.ReadRepoFile(relative, text);
        _cache.Parsed[relative] = parsed;
        return parsed.Problem is null;
    }

    /// <summary>Whether text holds Jinja or Go template markers (<c>{{</c>, <c>{%</c>, <c>{#</c>): it may be YAML only once rendered.</summary>
    public static bool HasTemplateMarkers(string text) =>
        text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal) || text.Contains("{#", StringComparison.Ordinal);

    /// <summary>
    /// The one place a file is parsed and its SOPS documents checked. Null, with nothing logged,
    /// for an unrendered template when <paramref name="deferTemplate"/> is set.
    /// </summary>
    private IReadOnlyList<YamlDocument>? Parse(string relative, string? text, ProblemLog problems, bool deferTemplate,
        (IReadOnlyList<YamlDocument> Documents, InputProblem? Problem)? parsed = null, Action<InputProblem>? deferred = null)
    {
        // No text only with a parse given that needed none: block-style YAML, read from a buffer, with no problem.
        var (documents, problem) = parsed ?? YamlReader.ReadRepoFile(relative, text!);
        if (problem is not null)
        {
            if (deferTemplate && text is not null && HasTemplateMarkers(text))
            {
                deferred?.Invoke(problem);
                return null;
            }
            _cache.ParseFailed[relative] = true;
            problems.Add(problem);
        }
        SopsFile.Check(documents, problems);
        return documents;
    }

    private static RepoEvidence Start(string relative) => new(relative, 1, 1, "");

    /// <summary>Keeps what reading a file ran into with the file, and logs it unless <paramref name="log"/> is false.</summary>
    private void Keep(string relative, ProblemLog problems, bool log = true)
    {
        var found = problems.Problems;
        if (found.Count == 0) return;
        _cache.Problems.AddOrUpdate(relative, _ => [.. found], (_, kept) => [.. kept, .. found]);
        if (log && _quiet == 0) _problems.Append(problems);
    }

    /// <summary>Reports what reading a file ran into, for a scan that looked at it quietly and then took it for what it reads.</summary>
    public void Report(string relative) => Repeat(relative);

    /// <summary>A file read again reports its problems again: the log keeps each once, a watch sees them.</summary>
    private void Repeat(string relative)
    {
        if (_quiet > 0) return;
        if (_cache.Problems.TryGetValue(relative, out var kept)) foreach (var problem in kept) _problems.Add(problem);
    }

    private int _quiet;

    /// <summary>
    /// A look at files that reports nothing of them: for scans over the whole repo (the object index,
    /// the search for Talos configs), which read files no reader may use. A reader's own read reports.
    /// </summary>
    public T Quietly<T>(Func<T> look)
    {
        _quiet++;
        try { return look(); }
        finally { _quiet--; }
    }

    private bool Inside(string full) =>
        full == Root || full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symlink resolved; null (reported) on a link loop.</summary>
    private string? RealPath(string full, Evidence at)
    {
        try
        {
            return Real(full);
        }
        catch (IOException)
        {
            // The system's message names the absolute path; the repo-relative one is enough.
            _problems.Error(at, $"cannot follow '{Relative(full)}': its symbolic links loop (or nest too deep)");
            return null;
        }
    }

    /// <summary>
    /// A path inside the repo with its symlinks resolved, component after component from the root. Each
    /// folder's is asked of the file system once (a stat and a readlink each): links do not change during a run.
    /// </summary>
    private string Real(string full)
    {
        if (full == Root) return Root;
        if (_cache.RealPaths.TryGetValue(full, out var known)) return known;
        var parent = Path.GetDirectoryName(full)!;
        var current = Path.Combine(Real(parent), Path.GetFileName(full));
        FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
        if (info.LinkTarget is not null) current = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? current;
        _cache.RealPaths[full] = current;
        return current;
    }
}
