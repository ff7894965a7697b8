namespace Homelab.Conformance.Spec;

/// <summary>
/// The reference spec, fixtures/architecture.yaml, built into the library: the architecture the
/// rule catalogue (and the README's rule table) states its claims for when no spec is given.
/// </summary>
public static class ReferenceSpec
{
    public const string File = "fixtures/architecture.yaml";

    private const string Resource = "reference-architecture.yaml";

    private static readonly Lazy<ArchitectureSpec> Loaded = new(() =>
    {
        using var stream = typeof(ReferenceSpec).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded in {typeof(ReferenceSpec).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return SpecLoader.Parse(File, reader.ReadToEnd());
    });

    public static ArchitectureSpec Value => Loaded.Value;
}
