namespace Homelab.Cli.Output;

/// <summary>Whether to colour output: only on a terminal, and never when NO_COLOR is set (no-color.org).</summary>
public static class Terminal
{
    public static bool UseColour(TextWriter writer) =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && ((writer == Console.Out && !Console.IsOutputRedirected) || (writer == Console.Error && !Console.IsErrorRedirected));
}
