using System.Globalization;
using System.Text;

namespace Homelab.Conformance.Provenance;

/// <summary>
/// Text from the input shown safely: a control character in a file name (an escape sequence, a
/// carriage return) is written as <c>\x1b</c>, so no console or report shows it raw.
/// </summary>
public static class Printable
{
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            escaped.Append(char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}") : c.ToString());
        return escaped.ToString();
    }
}
