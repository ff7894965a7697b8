namespace Homelab.Conformance.Documents;

/// <summary>
/// One string for each short key or value met again (apiVersion, kind, names, labels): the trees
/// are kept for the whole run, and sharing them makes them a third smaller (issue 16). Per thread,
/// so files parsed in parallel share without locks; bounded, so a repo of unique values cannot grow it.
/// </summary>
internal static class SharedStrings
{
    private const int MaxLength = 64, MaxCount = 1 << 16;

    [ThreadStatic] private static Dictionary<string, string>? t_strings;

    public static string Get(string text)
    {
        if (text.Length > MaxLength) return text;
        var strings = Strings();
        if (strings.TryGetValue(text, out var known)) return known;
        Add(strings, text);
        return text;
    }

    /// <summary>The string of these characters, made only when none is held yet.</summary>
    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength) return text.ToString();
        var strings = Strings();
        if (strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var known)) return known;
        var made = text.ToString();
        Add(strings, made);
        return made;
    }

    private static Dictionary<string, string> Strings() => t_strings ??= new Dictionary<string, string>(StringComparer.Ordinal);

    private static void Add(Dictionary<string, string> strings, string text)
    {
        if (strings.Count >= MaxCount) strings.Clear();
        strings[text] = text;
    }
}
