namespace Homelab.RepoGen;

/// <summary>What to generate: the fixture repo to start from, how many Flux Kustomizations to add, the seed; or the real-repo shape (<see cref="RealRepo"/>).</summary>
public sealed record GenOptions(string Out, string Fixture, int Kustomizations, int Seed, bool Real = false)
{
    /// <summary>Named sizes: small is the fixture alone; each generated Kustomization is 10 files and 50 objects.</summary>
    public static int KustomizationsFor(string size) => size switch
    {
        "small" => 0,
        "medium" => 200,   // 2,000 files, 10,000 objects
        "large" => 1000,   // 10,000 files, 50,000 objects
        _ => throw new ArgumentException($"unknown size '{size}' (small, medium, large, real)"),
    };

    public static GenOptions? Parse(string[] args)
    {
        string? output = null, fixture = null;
        int kustomizations = 0, seed = 1;
        var real = false;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--out": output = Next(); break;
                    case "--fixture": fixture = Next(); break;
                    case "--size" when i + 1 < args.Length && args[i + 1] == "real": real = true; i++; break;
                    case "--size": kustomizations = KustomizationsFor(Next()); break;
                    case "--kustomizations": kustomizations = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--seed": seed = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return null;
        }
        if (output is null) return null;
        fixture ??= FindFixture();
        return fixture is null ? null : new GenOptions(output, fixture, kustomizations, seed, real);
    }

    /// <summary>fixtures/homelab of the checkout this tool runs from.</summary>
    private static string? FindFixture()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures", "homelab");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
