using Homelab.Conformance.Audit;
using Homelab.Conformance.Reports;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;
using Homelab.Conformance.Tests.Reports;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Audit;

/// <summary>
/// A run with no spec given and no architecture.yaml in the repo checks the built-in reference
/// architecture (fixtures/architecture.yaml, embedded), and every report says so.
/// </summary>
public sealed class BuiltInSpecTests
{
    private static readonly Lazy<RunReport> Run = new(() =>
    {
        using var repo = FixtureAudit.CopyOfConforming();
        File.Exists(repo.Full("architecture.yaml")).Should().BeFalse("the fixture repo carries no spec of its own");
        // Without its docs too: an architecture page would be the spec (tests/Unit/Docs).
        Directory.Delete(repo.Full("docs"), recursive: true);
        return ConformanceRun.Static(new RunOptions { RepoPath = repo.Root, Today = FixtureAudit.Today });
    });

    [Fact]
    public void The_built_in_spec_is_the_reference_architecture_file()
    {
        ReferenceSpec.Text.Should().Be(File.ReadAllText(FixtureAudit.Spec));
        ReferenceSpec.Value.Should().BeEquivalentTo(SpecLoader.Load(FixtureAudit.Spec), o => o.Excluding(s => s.File).Excluding(s => s.Places));
    }

    [Fact]
    public void A_repo_without_a_spec_is_judged_on_the_built_in_one_as_on_the_fixture_spec()
    {
        var run = Run.Value;

        run.Metadata.SpecBuiltIn.Should().BeTrue();
        run.Metadata.SpecPath.Should().Be(ReferenceSpec.Name);
        // The docs rules have no page to read in this copy: not applicable, where the fixture's pass.
        run.Static!.Results.Where(r => r.Rule.Area != Area.Docs).Select(r => (r.Rule.Id, r.Outcome))
            .Should().Equal(FixtureAudit.Conforming.Results.Where(r => r.Rule.Area != Area.Docs).Select(r => (r.Rule.Id, r.Outcome)));
        run.Static.Results.Where(r => r.Rule.Area == Area.Docs).Should().OnlyContain(r => r.Outcome == Outcome.NotApplicable);
    }

    [Fact]
    public void A_spec_in_the_repo_is_used_before_the_built_in_one()
    {
        using var repo = FixtureAudit.CopyOfConforming();
        repo.Write("architecture.yaml", File.ReadAllText(FixtureAudit.Spec).Replace("mgrs: 2 ", "mgrs: 1 ", StringComparison.Ordinal));

        var run = ConformanceRun.Static(new RunOptions { RepoPath = repo.Root, Today = FixtureAudit.Today });

        run.Metadata.SpecBuiltIn.Should().BeFalse();
        run.Metadata.SpecPath.Should().Be(repo.Full("architecture.yaml"));
        run.Static!["HL-STO-002"].Outcome.Should().Be(Outcome.Fail, "the repo's own spec asks for one manager");
    }

    [Fact]
    public void Every_report_format_says_the_built_in_spec_was_used()
    {
        var results = ResultsDocument.From(Run.Value);
        string Written(string file) => ReportFolder.Writers.Single(w => w.FileName == file).Write(results, []);

        Written("results.json").Should().Contain("\"specBuiltIn\": true").And.Contain(ReferenceSpec.Name);
        Schemas.ResultsErrors(Written("results.json")).Should().BeEmpty();
        Written("report.md").Should().Contain(RunMetadata.BuiltInSpecNote);
        Written("report.html").Should().Contain("homelab-audit init").And.Contain("spec-note");
        Written("junit.xml").Should().Contain("name=\"specBuiltIn\" value=\"true\"");
        Written("results.sarif").Should().Contain("\"specBuiltIn\": true");
    }

    [Fact]
    public void A_run_with_its_own_spec_says_nothing_of_the_built_in_one()
    {
        var results = ResultsDocument.From(ConformanceRun.Static(new RunOptions
        {
            RepoPath = Path.Combine(FixtureAudit.Fixtures, "homelab"),
            SpecPath = FixtureAudit.Spec,
            Today = FixtureAudit.Today,
        }));

        foreach (var writer in ReportFolder.Writers) writer.Write(results, []).Should().NotContain("specBuiltIn").And.NotContain("homelab-audit init");
    }
}
