namespace Homelab.Conformance.Spec;

/// <summary>
/// The reference architecture, fixtures/architecture.yaml, built into the library: what a run with
/// no spec of its own is checked against, what <c>homelab-audit init</c> writes, and the spec the
/// rule catalogue (and the README's rule table) states its claims for.
/// </summary>
public static class ReferenceSpec
{
    /// <summary>How reports name it, in place of a spec path.</summary>
    public const string Name = "the built-in reference architecture";

    /// <summary>The file its evidence points at.</summary>
    public const string File = "architecture.yaml (built-in)";

    private const string Resource = "reference-architecture.yaml";

    private static readonly Lazy<string> Embedded = new(() =>
    {
        using var stream = typeof(ReferenceSpec).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded in {typeof(ReferenceSpec).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<ArchitectureSpec> Loaded = new(() => SpecLoader.Parse(File, Text));

    /// <summary>The file's text, comments and all.</summary>
    public static string Text => Embedded.Value;

    public static ArchitectureSpec Value => Loaded.Value;
}
