namespace Homelab.Conformance.Reports.Html.Sections;

internal static class Tables
{
    public static void Head(HtmlBuilder html, params string[] columns)
    {
        using (html.Tag("thead"))
        using (html.Tag("tr"))
        {
            foreach (var column in columns) html.Element("th", column, null, ("scope", "col"));
        }
    }
}
