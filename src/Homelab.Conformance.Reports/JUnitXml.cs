using System.Text;

namespace Homelab.Conformance.Reports;

/// <summary>
/// Indented XML as <c>XDocument.Save</c> over an <c>XmlWriter</c> (Indent, NewLineChars <c>\n</c>, UTF-8)
/// writes it, for elements that hold either elements or one text: a declaration line, two spaces a
/// level, <c>&lt;x a="1" /&gt;</c> for an empty element, a text written as it is between its tags
/// (<c>&amp; &lt; &gt;</c> escaped, <c>\r\n</c> and <c>\r</c> as <c>\n</c>), and in attribute values
/// <c>&amp; &lt; &gt; "</c>, tab, line feed and carriage return as references. The text must hold only
/// characters XML allows (<see cref="IsXmlChar"/>, surrogates in pairs).
/// </summary>
internal static class JUnitXml
{
    public sealed class Element
    {
        public Element(string name, IReadOnlyList<(string Name, string Value)> attributes, IReadOnlyList<Element> children)
        {
            Name = name;
            Attributes = attributes;
            Children = children;
        }

        public Element(string name, IReadOnlyList<(string Name, string Value)> attributes, string text)
        {
            Name = name;
            Attributes = attributes;
            Children = [];
            Text = text;
        }

        public string Name { get; }

        public IReadOnlyList<(string Name, string Value)> Attributes { get; }

        public IReadOnlyList<Element> Children { get; }

        /// <summary>The element's one text, when it holds text rather than elements.</summary>
        public string? Text { get; }

        public string Attribute(string name) => Attributes.First(a => a.Name == name).Value;
    }

    /// <summary>Whether XML 1.0 allows the character (a surrogate only in a pair).</summary>
    public static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);

    /// <summary>The document: the declaration, then the root element, with no newline after it.</summary>
    public static string Document(Element root)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        Write(text, root, 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, Element element, int depth)
    {
        text.Append('\n').Append(' ', 2 * depth).Append('<').Append(element.Name);
        foreach (var (name, value) in element.Attributes)
        {
            text.Append(' ').Append(name).Append("=\"");
            AttributeValue(text, value);
            text.Append('"');
        }
        if (element.Text is { } content)
        {
            text.Append('>');
            Content(text, content);
            text.Append("</").Append(element.Name).Append('>');
            return;
        }
        if (element.Children.Count == 0)
        {
            text.Append(" />");
            return;
        }
        text.Append('>');
        foreach (var child in element.Children) Write(text, child, depth + 1);
        text.Append('\n').Append(' ', 2 * depth).Append("</").Append(element.Name).Append('>');
    }

    private static void AttributeValue(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '"': text.Append("&quot;"); break;
                case '\t': text.Append("&#x9;"); break;
                case '\n': text.Append("&#xA;"); break;
                case '\r': text.Append("&#xD;"); break;
                default: text.Append(c); break;
            }
        }
    }

    private static void Content(StringBuilder text, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;
                    text.Append('\n');
                    break;
                default: text.Append(value[i]); break;
            }
        }
    }
}
