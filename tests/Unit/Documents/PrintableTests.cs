using Homelab.Conformance.Provenance;
using Homelab.Conformance.Tests.Violations;

namespace Homelab.Conformance.Tests.Documents;

/// <summary>A control character in a file name (an ANSI escape, a carriage return) is shown escaped, never raw.</summary>
public sealed class PrintableTests
{
    [Fact]
    public void Control_characters_are_written_as_hex_escapes_and_the_rest_is_kept()
    {
        Printable.Escape("apps/\u001b[31mred\r.yaml").Should().Be("apps/\\x1b[31mred\\x0d.yaml");
        Printable.Escape("apps/café.yaml").Should().Be("apps/café.yaml");
    }

    [Fact]
    public void A_problem_in_a_file_whose_name_holds_an_escape_sequence_names_it_escaped()
    {
        using var repo = FixtureAudit.CopyOfConforming();
        const string Name = "bad\u001b[2Jname.yaml";
        repo.Write($"infrastructure/configs/{Name}", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"broken\n");
        repo.Write("infrastructure/configs/kustomization.yaml",
            File.ReadAllText(repo.Full("infrastructure/configs/kustomization.yaml")).Replace("  - cilium-l2.yaml\n", $"  - cilium-l2.yaml\n  - \"bad\\e[2Jname.yaml\"\n", StringComparison.Ordinal));

        var audit = FixtureAudit.Run(repo.Root, FixtureAudit.Spec);

        var problem = audit.Problems.Should().ContainSingle(p => p.Severity == Severity.Error).Subject;
        problem.Where.Location.Should().StartWith("infrastructure/configs/bad\\x1b[2Jname.yaml:");
        problem.ToString().Should().NotContain("\u001b");
    }
}
