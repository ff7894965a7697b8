using System.Net;
using System.Text;

namespace Homelab.Conformance.Reports.Html;

/// <summary>
/// A small HTML writer: element and attribute names come from code, every text and attribute
/// value goes through <see cref="WebUtility.HtmlEncode(string)"/>. Only the page's own constant
/// CSS and script go in raw.
/// </summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder _html = new();

    /// <summary>Opens <paramref name="tag"/>; the returned scope closes it when disposed.</summary>
    public Scope Tag(string tag, string? cssClass = null, params (string Name, string? Value)[] attributes)
    {
        Open(tag, cssClass, attributes);
        return new Scope(this, tag);
    }

    public HtmlBuilder Open(string tag, string? cssClass = null, params (string Name, string? Value)[] attributes)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null) Attribute("class", cssClass);
        foreach (var (name, value) in attributes)
        {
            if (value is not null) Attribute(name, value);
        }
        _html.Append('>');
        return this;
    }

    public HtmlBuilder Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding only text.</summary>
    public HtmlBuilder Element(string tag, string? text, string? cssClass = null, params (string Name, string? Value)[] attributes) =>
        Open(tag, cssClass, attributes).Text(text).Close(tag);

    /// <summary>An element without content or end tag (<c>meta</c>, <c>input</c>, <c>rect</c>).</summary>
    public HtmlBuilder Void(string tag, string? cssClass = null, params (string Name, string? Value)[] attributes)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null) Attribute("class", cssClass);
        foreach (var (name, value) in attributes)
        {
            if (value is not null) Attribute(name, value);
        }
        _html.Append(tag is "meta" or "input" or "br" ? ">" : "/>");
        return this;
    }

    public HtmlBuilder Text(string? text)
    {
        if (!string.IsNullOrEmpty(text)) _html.Append(WebUtility.HtmlEncode(text));
        return this;
    }

    /// <summary>Markup written as is: only for the page's own constants, never for data.</summary>
    public HtmlBuilder Trusted(string markup)
    {
        _html.Append(markup);
        return this;
    }

    public HtmlBuilder Line()
    {
        _html.Append('\n');
        return this;
    }

    public override string ToString() => _html.ToString();

    private void Attribute(string name, string value) =>
        _html.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');

    public readonly struct Scope(HtmlBuilder html, string tag) : IDisposable
    {
        public void Dispose() => html.Close(tag);
    }
}
