using Homelab.Conformance.Audit;
using Homelab.Conformance.Sources.Git.Docs;
using Homelab.Conformance.Spec;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Docs;

/// <summary>A spec written from an architecture page judges the repo as the hand-written spec does, each key naming its docs line.</summary>
public sealed class DocsSpecTests
{
    private static string Site => Path.Combine(FixtureAudit.Fixtures, "docs", "homelab");

    private static DocsSpecText FromDocs() => DocsSpec.Write(DocsReader.Read(Site, DocsReader.Pages(Site, "docs")));

    [Fact]
    public void A_spec_from_the_page_gives_the_fixture_repo_the_outcomes_of_the_hand_written_spec()
    {
        var written = FromDocs();
        using var folder = new TempRepo().Write("architecture.yaml", written.Text);

        var fromDocs = FixtureAudit.Run(Path.Combine(FixtureAudit.Fixtures, "homelab"), folder.Full("architecture.yaml"));

        fromDocs.Results.Select(r => (r.Rule.Id, r.Outcome)).Should().Equal(FixtureAudit.Conforming.Results.Select(r => (r.Rule.Id, r.Outcome)), written.Text);
        SpecLoader.Parse("architecture.yaml", written.Text).Should().BeEquivalentTo(SpecLoader.Load(FixtureAudit.Spec),
            o => o.Excluding(s => s.File).Excluding(s => s.Places), "every value the page states is the fixture spec's");
    }

    [Fact]
    public void Each_key_the_docs_state_names_its_line_and_the_others_say_they_are_the_reference_s()
    {
        var text = FromDocs().Text;

        text.Should().Contain("  count: 4").And.Contain("# docs: docs/cluster/architecture.md:8");
        text.Should().MatchRegex(@"  cpuCores: 8 +# docs: docs/cluster/architecture.md:12\n");
        text.Should().MatchRegex(@"  nodes: \[talos-1, talos-2, talos-3\] +# docs: docs/cluster/architecture.md:23;");
        text.Should().MatchRegex(@"  names: \[talos-1, talos-2, talos-3, talos-4\] +# docs: docs/cluster/architecture.md:24;", "the page names its control planes and its worker");
        text.Should().MatchRegex(@"  memoryTolerancePercent: 15 +# \(reference\)");
    }
}
