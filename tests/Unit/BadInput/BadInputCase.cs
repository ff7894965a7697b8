using System.Globalization;
using System.Text;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.BadInput;

/// <summary>
/// One folder of fixtures/bad-input (case.yaml): a copy of the conforming repo with <c>overlay/</c>
/// written over it, <c>delete</c> files removed and, where a file cannot be committed (50 MiB,
/// binary, Latin-1, a symlink loop), <c>generate</c> made in the temp copy; or, with an
/// <c>architecture.yaml</c> of its own, a broken spec. Then what the reader must report.
/// </summary>
public sealed record BadInputCase(string Name, string Folder, string Breaks, string? Handling, IReadOnlyList<string> Delete,
    MapNode? Generate, IReadOnlyList<ExpectedProblem> Expect, IReadOnlyList<string> Clean, IReadOnlyList<string> AlsoAffects,
    string? Secret, TimeSpan Within, long? MaxAllocatedBytes)
{
    /// <summary>
    /// The Flux Kustomization the input makes Flux refuse (kustomize or SOPS decryption fails), e.g.
    /// <c>Kustomization flux-system/bad-input</c>: that tree is not read, so every rule that reads
    /// objects is inconclusive, naming it.
    /// </summary>
    public string? Refuses { get; init; }

    public static string Root => Path.Combine(FixtureAudit.Fixtures, "bad-input");

    /// <summary>The conforming fixture's audit: what every rule the broken input does not touch must still say.</summary>
    public static AuditResult Conforming => FixtureAudit.Conforming;

    public static AuditResult Audit(string repo) => FixtureAudit.Run(repo, FixtureAudit.Spec);

    public static IEnumerable<BadInputCase> All() =>
        Directory.Exists(Root) ? Directory.GetDirectories(Root).Order(StringComparer.Ordinal).Select(Load) : [];

    public static BadInputCase Load(string folder)
    {
        var file = Path.Combine(folder, "case.yaml");
        var (documents, problem) = YamlReader.ReadRepoFile(file, File.ReadAllText(file));
        if (problem is not null || documents.FirstOrDefault()?.Root is not MapNode root) throw new InvalidDataException($"{file}: {problem}");
        return new BadInputCase(
            Path.GetFileName(folder), folder,
            root.Text("breaks") ?? throw new InvalidDataException($"{file}: no 'breaks' saying what is broken"),
            root.Text("handling"),
            FixtureCopy.Strings(root.List("delete")),
            root.Map("generate"),
            (root.List("expect")?.Items.OfType<MapNode>() ?? []).Select(e => new ExpectedProblem(
                e.Text("rule"),
                Enum.Parse<Severity>(e.Text("severity") ?? nameof(Severity.Error)),
                e.Text("file") ?? throw new InvalidDataException($"{file}: an expected finding needs its file"),
                e.Scalar("line")?.AsInt() is { } line ? (int)line : null,
                e.Text("path"),
                e.Text("cause") ?? throw new InvalidDataException($"{file}: an expected finding needs words of its cause"))).ToList(),
            FixtureCopy.Strings(root.List("clean")),
            FixtureCopy.Strings(root.List("alsoAffects")),
            root.Text("secret"),
            TimeSpan.FromSeconds(root.Scalar("within")?.AsInt() ?? 5),
            root.Scalar("maxAllocatedMiB")?.AsInt() is { } mib ? mib * 1024 * 1024 : null)
        {
            Refuses = root.Text("refuses"),
        };
    }

    /// <summary>A broken spec (the case has its own architecture.yaml) rather than a broken repo.</summary>
    public string? Spec => File.Exists(Path.Combine(Folder, "architecture.yaml")) ? Path.Combine(Folder, "architecture.yaml") : null;

    /// <summary>Builds the broken repo in a temp folder, generating what is not committed.</summary>
    public TempRepo Materialise()
    {
        var repo = FixtureCopy.Build(Path.Combine(FixtureAudit.Fixtures, "homelab"), Delete, Path.Combine(Folder, "overlay"));
        if (Generate is { } generate) Make(repo, generate);
        return repo;
    }

    public override string ToString() => Name;

    /// <summary>What cannot be committed: made in the temp copy at run time.</summary>
    private static void Run(string command, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(command, args);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({process.ExitCode})");
    }

    private void Make(TempRepo repo, MapNode generate)
    {
        var path = generate.Text("path") ?? throw new InvalidDataException($"{Name}: generate needs a path");
        switch (generate.Text("kind"))
        {
            case "large-file":
                // Real YAML text, so only the size check can refuse it: read, it would parse.
                var line = "# padding that makes this manifest too large to read .................\n"u8.ToArray();
                var size = (generate.Scalar("mebibytes")?.AsInt() ?? 50) * 1024 * 1024;
                Directory.CreateDirectory(Path.GetDirectoryName(repo.Full(path))!);
                using (var stream = File.Create(repo.Full(path)))
                {
                    var block = Enumerable.Repeat(line, 64 * 1024 / line.Length).SelectMany(b => b).ToArray();
                    for (long written = 0; written < size; written += block.Length) stream.Write(block);
                }
                break;
            case "binary-file":
                // A PNG signature (with its line feed), then the NUL bytes of its first chunk length.
                repo.WriteBytes(path, [0x89, .. "PNG\r\n"u8, 0x1A, .. "\n"u8, 0, 0, 0, 0x0D, .. "IHDR"u8]);
                break;
            case "latin1-file":
                repo.WriteBytes(path, Encoding.Latin1.GetBytes(generate.Text("text") ?? throw new InvalidDataException($"{Name}: latin1-file needs text")));
                break;
            case "symlink-loop":
                var to = generate.Text("to") ?? throw new InvalidDataException($"{Name}: symlink-loop needs 'to'");
                repo.Link(path, Path.GetFileName(to)).Link(to, Path.GetFileName(path));
                break;
            case "fifo":
                Run("mkfifo", repo.Full(path));
                break;
            case "char-device":
                // /dev/zero's own numbers: read, it never ends. Making a device node needs root (CAP_MKNOD).
                if (Environment.UserName != "root") Assert.Skip("making a character device needs root (CAP_MKNOD): run the tests as root, as CI does");
                Run("mknod", repo.Full(path), "c", "1", "5");
                break;
            case var other:
                throw new InvalidDataException($"{Name}: unknown generate kind '{other}'");
        }
    }
}

/// <summary>
/// What the reader must report: an input problem (severity, file, line, words of the cause), a
/// rule's finding (<see cref="Rule"/> set), or a spec problem (<see cref="Path"/> set).
/// </summary>
public sealed record ExpectedProblem(string? Rule, Severity Severity, string File, int? Line, string? Path, string Cause)
{
    public override string ToString() =>
        $"{Rule ?? Severity.ToString()} at {File}{(Line is null ? "" : string.Create(CultureInfo.InvariantCulture, $":{Line}"))}: {Cause}";
}
