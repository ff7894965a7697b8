using System.CommandLine;
using Homelab.Conformance.Rules;

namespace Homelab.Cli.Commands;

/// <summary><c>rules</c>: prints the rule catalogue as the README's Markdown table.</summary>
public static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "Print the rule catalogue as a Markdown table.");
        command.SetAction(_ =>
        {
            Console.WriteLine(RuleCatalogue.MarkdownTable());
            return ExitCode.Conformant;
        });
        return command;
    }
}
