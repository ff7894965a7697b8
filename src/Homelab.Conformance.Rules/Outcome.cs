namespace Homelab.Conformance.Rules;

public enum Outcome
{
    Pass,
    Fail,

    /// <summary>Nothing to decide on: the finding says what was looked for and where.</summary>
    Inconclusive,

    /// <summary>The spec turns the requirement off: there is nothing to check, and nothing is missing.</summary>
    NotApplicable,

    /// <summary>A failure hidden by an unexpired waiver.</summary>
    Waived,

    /// <summary>The rule itself could not run.</summary>
    Error,
}
