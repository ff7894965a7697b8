using System.Text;
using System.Xml;
using System.Xml.Linq;
using Homelab.Conformance.Reports;

namespace Homelab.Conformance.Tests.Reports;

/// <summary>junit.xml's own XML writer writes what XDocument.Save over an XmlWriter (indented, \n, UTF-8) wrote, byte for byte.</summary>
public sealed class JUnitXmlTests
{
    private static readonly string[] Tricky =
    [
        "", "plain", "a & b < c > d \"q\" 'a'", "line\nbreak", "crlf\r\nend", "lone\rcr", "tab\there", "]]> cdata end",
        "non-ascii: \u00e9 \u2013 \u0085 \u2028 \u2029 \ufffd", "emoji \ud83d\ude80 pair", "&amp; already", "trailing\n", "\n\nleading",
        "  spaces  ", "<tag attr=\"v\"/>", "\u00a0nbsp \u200b zwsp",
    ];

    [Fact]
    public void Elements_attributes_and_texts_are_written_as_XDocument_writes_them()
    {
        foreach (var value in Tricky)
        {
            var ours = new JUnitXml.Element("root", [("name", value), ("n", "1")],
            [
                new JUnitXml.Element("empty", [], []),
                new JUnitXml.Element("attrs", [("a", value), ("b", value)], []),
                new JUnitXml.Element("text", [("message", value)], value),
                new JUnitXml.Element("nested", [], [new JUnitXml.Element("deeper", [("x", value)], [new JUnitXml.Element("leaf", [], value)])]),
            ]);
            var theirs = new XElement("root", new XAttribute("name", value), new XAttribute("n", 1),
                new XElement("empty"),
                new XElement("attrs", new XAttribute("a", value), new XAttribute("b", value)),
                new XElement("text", new XAttribute("message", value), value),
                new XElement("nested", new XElement("deeper", new XAttribute("x", value), new XElement("leaf", value))));
            JUnitXml.Document(ours).Should().Be(Saved(theirs), $"for {Printable(value)}");
        }
    }

    [Fact]
    public void A_root_without_children_is_empty()
    {
        JUnitXml.Document(new JUnitXml.Element("testsuites", [("name", "x")], [])).Should().Be(Saved(new XElement("testsuites", new XAttribute("name", "x"))));
    }

    [Fact]
    public void The_characters_allowed_are_XmlConverts()
    {
        for (var c = 0; c <= char.MaxValue; c++)
            JUnitXml.IsXmlChar((char)c).Should().Be(XmlConvert.IsXmlChar((char)c), $"for U+{c:X4}");
    }

    private static string Saved(XElement root)
    {
        using var bytes = new MemoryStream();
        using (var writer = XmlWriter.Create(bytes, new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) }))
            new XDocument(root).Save(writer);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string Printable(string s) => string.Concat(s.Select(c => c < 0x20 || c > 0x7e ? $"\\u{(int)c:x4}" : c.ToString()));
}
