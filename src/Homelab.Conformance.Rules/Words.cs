using System.Globalization;

namespace Homelab.Conformance.Rules;

/// <summary>Spec values as they read in a claim: "four nodes", "block, file and object".</summary>
public static class Words
{
    private static readonly string[] Small = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>A count in words up to twelve, in digits above.</summary>
    public static string Count(int n) => n >= 0 && n < Small.Length ? Small[n] : n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Items joined as a sentence lists them: "a", "a and b", "a, b and c".</summary>
    public static string And(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }
}
