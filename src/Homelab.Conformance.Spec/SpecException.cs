namespace Homelab.Conformance.Spec;

/// <summary>The spec file cannot be used; each problem names its key and line.</summary>
public sealed class SpecException(string file, IReadOnlyList<string> problems)
    : Exception($"invalid architecture spec {file}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public string File { get; } = file;
    public IReadOnlyList<string> Problems { get; } = problems;
}
