using Homelab.Conformance.Extraction;
using System.Diagnostics;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Tests.BadInput;

/// <summary>
/// The bad-input corpus (fixtures/bad-input): each broken repo is reported with its file, line
/// and cause, quickly and in bounded memory, nothing else is reported, and every rule the broken
/// file does not touch keeps the outcome it has on the conforming fixture. A broken spec stops
/// the run with each problem named by key and line.
/// </summary>
public sealed class BadInputTests
{
    /// <summary>The kinds of bad input issue 5 names; each must stay in the corpus.</summary>
    private static readonly string[] Required =
    [
        "yaml-tab-indentation", "yaml-unclosed-quote", "yaml-duplicate-key", "yaml-alias-bomb", "large-file", "binary-file",
        "empty-file", "non-utf8-file", "fifo-file", "device-file", "kustomization-cycle", "resource-escapes-repo", "flux-path-escapes-repo", "symlink-loop",
        "missing-file", "patch-names-nothing", "unresolved-variable", "helm-values-from-missing",
        "talos-template-unparsable", "sops-tampered-mac", "spec-unknown-key", "spec-impossible-value",
    ];

    public static IEnumerable<TheoryDataRow<string>> RepoCases() =>
        BadInputCase.All().Where(c => c.Spec is null).Select(c => new TheoryDataRow<string>(c.Name) { TestDisplayName = $"bad input: {c.Breaks}" });

    public static IEnumerable<TheoryDataRow<string>> SpecCases() =>
        BadInputCase.All().Where(c => c.Spec is not null).Select(c => new TheoryDataRow<string>(c.Name) { TestDisplayName = $"bad spec: {c.Breaks}" });

    [Fact]
    public void Every_kind_of_bad_input_has_a_case()
    {
        BadInputCase.All().Select(c => c.Name).Should().Contain(Required);
    }

    [Fact]
    public void Every_case_is_listed_in_the_corpus_README()
    {
        var readme = File.ReadAllText(Path.Combine(BadInputCase.Root, "README.md"));
        BadInputCase.All().Should().OnlyContain(c => readme.Contains($"| `{c.Name}` |", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RepoCases))]
    public void The_bad_input_is_reported_with_its_place_and_every_rule_still_runs(string name)
    {
        var bad = BadInputCase.Load(Path.Combine(BadInputCase.Root, name));
        var conforming = BadInputCase.Conforming;
        using var repo = bad.Materialise();

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var audit = BadInputCase.Audit(repo.Root);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        var known = conforming.Problems.Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        var problems = audit.Problems.Where(p => !known.Contains(p.ToString())).ToList();
        var report = Describe(audit, problems);

        foreach (var expected in bad.Expect)
        {
            if (expected.Rule is null)
                problems.Should().Contain(p => Matches(p, expected), $"{name} should report {expected}:{Environment.NewLine}{report}");
            else
                audit[expected.Rule].Findings.Should().Contain(f => Matches(f, expected), $"{name} should report {expected}:{Environment.NewLine}{report}");
        }
        problems.Where(p => !bad.Expect.Any(e => e.Rule == null && Matches(p, e))).Should().BeEmpty(
            $"{name} should report its bad input and nothing else:{Environment.NewLine}{report}");
        foreach (var file in bad.Clean)
            audit.Problems.Should().NotContain(p => p.Where.RepoPlace() != null && p.Where.RepoPlace()!.File == file, $"{file} is not an error");
        audit.Conformant.Should().Be(bad.Expect.All(e => e.Rule is null && e.Severity == Severity.Warning),
            "an input error makes the run non-conformant; a warning does not");

        audit.Results.Select(r => r.Rule.Id).Should().BeEquivalentTo(
            RuleCatalogue.All.Where(r => r.Origins.Contains(FactOrigin.Repo)).Select(r => r.Id), "every repo rule still runs");
        foreach (var result in audit.Results.Where(r => !bad.AlsoAffects.Contains(r.Rule.Id)))
        {
            var says = $"{result.Rule.Id}, which says:{Environment.NewLine}{string.Join(Environment.NewLine, result.Findings)}";
            // A build Flux refuses is not read: what the rules would look for there is not known.
            if (bad.Refuses is { } refused && result.Rule.Reads.Intersect(ObjectExtractor.Kinds).Any() && conforming[result.Rule.Id].Outcome == Outcome.Pass)
                result.Findings.Should().Contain(f => f.Outcome == Outcome.Inconclusive && f.Message.Contains($"{refused} cannot be built", StringComparison.Ordinal),
                    $"{name} leaves {refused} unread, which {says}");
            else
                result.Outcome.Should().Be(conforming[result.Rule.Id].Outcome, $"{name} should not change {says}");
        }

        if (bad.Secret is { } secret)
            audit.Problems.Select(p => p.ToString()).Concat(audit.Results.SelectMany(r => r.Findings).Select(f => f.ToString()))
                .Should().NotContain(text => text.Contains(secret, StringComparison.Ordinal), "a plaintext value is never shown");
        clock.Elapsed.Should().BeLessThan(bad.Within, "bad input must not hang the run");
        if (bad.MaxAllocatedBytes is { } max)
            allocated.Should().BeLessThan(max, "bad input must not make the reader hold it all in memory");
    }

    [Theory]
    [MemberData(nameof(SpecCases))]
    public void The_bad_spec_stops_the_run_with_each_problem_named(string name)
    {
        var bad = BadInputCase.Load(Path.Combine(BadInputCase.Root, name));

        var clock = Stopwatch.StartNew();
        var error = FluentActions.Invoking(() => SpecLoader.Load(bad.Spec!)).Should().Throw<SpecException>().Which;

        error.File.Should().Be(bad.Spec);
        error.Problems.Should().BeEquivalentTo(bad.Expect.Select(e => $"line {e.Line}: {e.Path}: {e.Cause}"));
        clock.Elapsed.Should().BeLessThan(bad.Within);
    }

    private static bool Matches(InputProblem problem, ExpectedProblem expected) =>
        problem.Severity == expected.Severity
        && problem.Where is RepoEvidence r && r.File == expected.File && (expected.Line is null || r.Line == expected.Line)
        && problem.Cause.Contains(expected.Cause, StringComparison.Ordinal);

    private static bool Matches(Finding finding, ExpectedProblem expected) =>
        finding.Outcome is not Outcome.Pass
        && finding.Evidence.RepoPlace() is { } at && at.File == expected.File && (expected.Line is null || at.Line == expected.Line)
        && finding.Message.Contains(expected.Cause, StringComparison.Ordinal);

    /// <summary>Everything the run reports, as a person would read it.</summary>
    private static string Describe(AuditResult audit, IEnumerable<InputProblem> problems) =>
        string.Join(Environment.NewLine, problems.Select(p => $"  {p.Severity}: {p}")
            .Concat(audit.Results.SelectMany(r => r.Findings.Where(f => f.Outcome is not Outcome.Pass).Select(f => $"  {r.Rule.Id} {f.Outcome}: {f}"))));
}
