namespace Homelab.Cli.Commands;

/// <summary>The process exit codes, documented in the README.</summary>
public static class ExitCode
{
    /// <summary>Every rule passed, was waived, or had nothing to decide on; no input error.</summary>
    public const int Conformant = 0;

    /// <summary>A rule failed, a rule could not run, a waiver expired, or an input file could not be read.</summary>
    public const int NotConformant = 1;

    /// <summary>The run itself could not be made: bad arguments, an unusable spec, a repo that does not exist.</summary>
    public const int RunFailed = 2;
}
