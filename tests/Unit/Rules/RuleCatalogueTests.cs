using System.Text.RegularExpressions;
using Homelab.Conformance.Rules;
using Homelab.Conformance.Spec;

namespace Homelab.Conformance.Tests.Rules;

public sealed partial class RuleCatalogueTests
{
    [Fact]
    public void Rule_ids_are_unique_and_stable_in_form()
    {
        var ids = RuleCatalogue.All.Select(r => r.Id).ToList();
        ids.Should().OnlyHaveUniqueItems();
        ids.Should().AllSatisfy(id => RuleId().IsMatch(id).Should().BeTrue($"{id} should read HL-AREA-NNN"));
    }

    [Fact]
    public void Every_rule_states_its_claim_and_remedy()
    {
        RuleCatalogue.All.Should().AllSatisfy(r =>
        {
            r.Title.Should().NotBeNullOrWhiteSpace();
            r.Claim(ReferenceSpec.Value).Should().EndWith(".", $"{r.Id}'s claim is a sentence");
            r.Remediation.Should().NotBeNullOrWhiteSpace();
            r.Origins.Should().NotBeEmpty();
        });
    }

    [Fact]
    public void The_class_name_carries_the_rule_id()
    {
        RuleCatalogue.All.Should().AllSatisfy(r => r.GetType().Name.Should().StartWith(r.Id.Replace('-', '_') + "_"));
    }

    [Fact]
    public void The_markdown_table_lists_every_rule_once()
    {
        var table = RuleCatalogue.MarkdownTable().Split('\n');
        table.Should().HaveCount(RuleCatalogue.All.Count + 2);
        RuleCatalogue.All.Should().AllSatisfy(r => table.Count(l => l.StartsWith($"| {r.Id} |", StringComparison.Ordinal)).Should().Be(1));
    }

    [Fact]
    public void The_readme_shows_the_current_catalogue()
    {
        var readme = File.ReadAllText(Path.Combine(SourceTree.Root, "README.md")).ReplaceLineEndings("\n");
        var begin = readme.IndexOf("<!-- rules:begin -->\n", StringComparison.Ordinal) + "<!-- rules:begin -->\n".Length;
        var end = readme.IndexOf("\n<!-- rules:end -->", StringComparison.Ordinal);
        readme[begin..end].Should().Be(RuleCatalogue.MarkdownTable(), "README.md's rule table is generated: paste the output of ./run-conformance.sh rules");
    }

    [Fact]
    public void No_rule_asks_where_its_facts_came_from_or_what_could_not_be_read()
    {
        // The facts say what a source cannot show (Listing, unknown values); the Auditor alone handles unreadable kinds.
        var rules = Directory.GetFiles(Path.Combine(SourceTree.Root, "src", "Homelab.Conformance.Rules"), "HL_*.cs");
        rules.Should().HaveCount(RuleCatalogue.All.Count);
        rules.Should().AllSatisfy(file => File.ReadAllText(file).Should().NotContainAny(["facts.Origin", "UnreadableKinds"], Path.GetFileName(file)));
    }

    [GeneratedRegex("^HL-[A-Z]+-[0-9]{3}$")]
    private static partial Regex RuleId();
}
