namespace Homelab.Conformance.Sources.Flux;

/// <summary>
/// A Flux object read into its typed view, with what was malformed in it. A malformed field is an
/// error and absent (or unknown) in the view, so one bad field neither throws nor hides the rest.
/// </summary>
public sealed record FluxParseResult<T>(T View, IReadOnlyList<FluxParseError> Errors)
{
    public bool IsWellFormed => Errors.Count == 0;
}
