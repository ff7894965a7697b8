using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace Homelab.Conformance.Sources.Git.Docs;

/// <summary>One unit of a page's text: a paragraph, a list item's text or a table row ("cell | cell"), as plain text, with its 1-based line.</summary>
public sealed record TextUnit(int Line, string Text, bool InTable);

/// <summary>
/// A Markdown page read as CommonMark (Markdig), MkDocs front matter and attribute lists
/// tolerated: its paragraphs, list items and table rows as plain text (links as their text, code
/// and emphasis as their words), each with the line it starts on.
/// </summary>
public static partial class DocsPage
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter().UseGenericAttributes().UsePipeTables().UseGridTables().Build();

    public static IReadOnlyList<TextUnit> Units(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var units = new List<TextUnit>();
        foreach (var block in document.Descendants())
        {
            switch (block)
            {
                case TableRow { IsHeader: false } row:
                    units.Add(new TextUnit(row.Line + 1, string.Join(" | ", row.OfType<TableCell>().Select(c => Plain(Source(c, markdown)))), InTable: true));
                    break;
                case ParagraphBlock paragraph when paragraph.Parent is not TableCell:
                    units.Add(new TextUnit(paragraph.Line + 1, Plain(Source(paragraph, markdown)), InTable: false));
                    break;
            }
        }
        return units;
    }

    /// <summary>The block's own source text (its span), on one line.</summary>
    private static string Source(Block block, string markdown) =>
        block.Span.Start < 0 || block.Span.End >= markdown.Length || block.Span.End < block.Span.Start ? ""
            : markdown[block.Span.Start..(block.Span.End + 1)].Replace('\n', ' ');

    /// <summary>Markdown inline syntax removed: <c>[text](url)</c> is its text, code and emphasis their words, list and quote markers gone.</summary>
    public static string Plain(string markdown)
    {
        var text = Link().Replace(markdown, "$1");
        text = text.Replace("`", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal);
        text = Emphasis().Replace(text, "$1");
        text = Marker().Replace(text, "");
        return Spaces().Replace(text, " ").Trim().Trim('|').Trim();
    }

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<![\w*])[*_]([^*_]+)[*_](?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^(?:\s*(?:[-*+]|\d+\.|>)\s+)+")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
