namespace Homelab.Conformance.Reports.Html.Sections;

internal static class FooterSection
{
    public static void Write(HtmlBuilder html, ReportContext context)
    {
        var meta = context.Results.Metadata;
        using (html.Tag("footer", "wrap"))
        {
            html.Text($"homelab-audit {meta.ToolVersion} \u00b7 results schema {context.Results.SchemaVersion} \u00b7 spec ");
            html.Element("code", meta.SpecPath);
            html.Text(" \u00b7 sha256 ");
            html.Element("code", meta.SpecSha256);
            html.Text(" \u00b7 the same run as results.json beside this page.");
        }
    }
}
