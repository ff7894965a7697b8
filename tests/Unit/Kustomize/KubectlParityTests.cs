using System.Diagnostics;
using System.Text;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git;
using Homelab.Conformance.Sources.Git.Kustomize;
using Homelab.Conformance.Tests.Violations;
using Homelab.RepoGen;
using YamlDotNet.RepresentationModel;

namespace Homelab.Conformance.Tests.Kustomize;

/// <summary>
/// The reader's kustomize build against the real one: every kustomization of fixtures/homelab and
/// fixtures/kustomize, and the overlays of a generated repo, built both ways, must give the same
/// objects field by field (Secret values aside: the reader withholds them). Needs <c>kubectl</c>
/// with kustomize v5 on the PATH.
/// </summary>
public sealed class KubectlParityTests
{
    private static readonly Lazy<string?> Kubectl = new(FindKubectl);

    public static TheoryData<string, string> Kustomizations()
    {
        var data = new TheoryData<string, string>();
        foreach (var root in new[] { "homelab", "kustomize" })
        {
            var full = Path.Combine(FixtureAudit.Fixtures, root);
            foreach (var file in Directory.EnumerateFiles(full, "kustomization.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var dir = Path.GetRelativePath(full, Path.GetDirectoryName(file)!).Replace('\\', '/');
                if (File.ReadAllText(file).Contains("kind: Component", StringComparison.Ordinal)) continue; // built through its users
                data.Add(root, dir);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void The_reader_builds_what_kubectl_kustomize_builds(string root, string dir)
    {
        var kubectl = KubectlOrSkip();
        Compare(kubectl, Path.Combine(FixtureAudit.Fixtures, root), dir, root);
    }

    private static string FirstDifference(string a, string b)
    {
        var at = 0;
        while (at < a.Length && at < b.Length && a[at] == b[at]) at++;
        var from = Math.Max(0, at - 60);
        return $"reader …{a[from..Math.Min(a.Length, at + 60)]}… kubectl …{b[from..Math.Min(b.Length, at + 60)]}…";
    }

    [Fact]
    public void Generated_overlays_build_as_kubectl_builds_them()
    {
        var kubectl = KubectlOrSkip();
        var work = Directory.CreateTempSubdirectory("homelab-parity-");
        try
        {
            var root = Path.Combine(work.FullName, "repo");
            RepoGenerator.Write(new GenOptions(root, Path.Combine(FixtureAudit.Fixtures, "homelab"), Kustomizations: 3, Seed: 7));
            foreach (var overlay in Enumerable.Range(0, 3).Select(RepoGenerator.OverlayPath))
                Compare(kubectl, root, overlay, "generated");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Compare(string kubectl, string repoRoot, string dir, string label)
    {
        var log = new ProblemLog();
        var repo = new RepoFiles(repoRoot, log);
        var builder = new KustomizeBuilder(repo, log);
        var ours = builder.Build(dir, new RepoEvidence(dir, 1, 1, "")).Select(o => Canonical(o.Kind, o.Root)).Order(StringComparer.Ordinal).ToList();
        var (built, refusal) = KubectlBuild(kubectl, Path.Combine(repoRoot, dir));
        if (refusal is not null)
        {
            // What kustomize refuses, the reader refuses too, with an error at the entry that breaks it.
            builder.Refusal.Should().NotBeNull($"kubectl kustomize refuses {label}/{dir}: {refusal}");
            log.Problems.Should().Contain(p => p.Severity == Severity.Error && p.Where is RepoEvidence);
            return;
        }
        var theirs = built.Order(StringComparer.Ordinal).ToList();

        builder.Refusal.Should().BeNull($"kubectl kustomize builds {label}/{dir}");
        log.Problems.Where(p => p.Severity == Severity.Error).Should().BeEmpty();
        ours.Should().HaveSameCount(theirs, $"{label}/{dir} builds to as many objects with the reader as with kubectl kustomize");
        foreach (var (mine, kustomize) in ours.Zip(theirs))
            mine.Should().Be(kustomize, $"{label}/{dir} built by the reader and by kubectl kustomize differ here: {FirstDifference(mine, kustomize)}");
    }

    /// <summary>What kubectl kustomize builds, or why it refuses (its error output).</summary>
    private static (IEnumerable<string> Objects, string? Refusal) KubectlBuild(string kubectl, string dir)
    {
        var start = new ProcessStartInfo(kubectl, ["kustomize", dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) return ([], error.Length > 0 ? error : $"exit {process.ExitCode}");
        var stream = new YamlStream();
        stream.Load(new StringReader(output.Result));
        return (stream.Documents.Select(d => (YamlMappingNode)d.RootNode).Select(m => Canonical(((YamlScalarNode)m.Children[new YamlScalarNode("kind")]).Value!, m)), null);
    }

    /// <summary>
    /// One object as sorted, typeless JSON-like text; without a Secret's values (withheld by the
    /// reader) and SOPS metadata (which Flux removes when it decrypts, and kubectl keeps).
    /// </summary>
    private static string Canonical(string kind, object node)
    {
        var text = new StringBuilder();
        Write(text, node, kind == "Secret" ? ["data", "stringData", "sops"] : ["sops"]);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object node, string[]? skipKeys = null)
    {
        switch (node)
        {
            case MapNode map: WriteMap(text, map.Entries.Select(e => (e.Key, (object)e.Value)), skipKeys); break;
            case YamlMappingNode map: WriteMap(text, map.Children.Select(e => (((YamlScalarNode)e.Key).Value!, (object)e.Value)), skipKeys); break;
            case ListNode list: WriteList(text, list.Items); break;
            case YamlSequenceNode list: WriteList(text, list.Children); break;
            case ScalarNode scalar: text.Append('"').Append(scalar.Value).Append('"'); break;
            case YamlScalarNode scalar: text.Append('"').Append(scalar.Value is "null" or "~" && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain ? null : scalar.Value).Append('"'); break;
        }
    }

    private static void WriteMap(StringBuilder text, IEnumerable<(string Key, object Value)> entries, string[]? skipKeys)
    {
        text.Append('{');
        foreach (var (key, value) in entries.Where(e => skipKeys?.Contains(e.Key) != true).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append(':');
            Write(text, value);
            text.Append(',');
        }
        text.Append('}');
    }

    private static void WriteList(StringBuilder text, IEnumerable<object> items)
    {
        text.Append('[');
        foreach (var item in items) { Write(text, item); text.Append(','); }
        text.Append(']');
    }

    private static string KubectlOrSkip()
    {
        if (Kubectl.Value is null) Assert.Skip("kubectl with kustomize v5 is not on the PATH: install kubectl (https://kubernetes.io/docs/tasks/tools/) to compare the reader with kustomize");
        return Kubectl.Value;
    }

    private static string? FindKubectl()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "kubectl");
            if (!File.Exists(candidate)) continue;
            try
            {
                using var process = Process.Start(new ProcessStartInfo(candidate, ["version", "--client"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var version = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return version.Contains("Kustomize Version: v5", StringComparison.Ordinal) ? candidate : null;
            }
            catch (System.ComponentModel.Win32Exception) { return null; }
        }
        return null;
    }
}
