using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Homelab.Conformance.Tests.Helm.Remote;

/// <summary>A packaged chart as <c>helm package</c> lays it out: <c>&lt;name&gt;/Chart.yaml</c>, <c>values.yaml</c>, a template.</summary>
public static class ChartPackage
{
    public static byte[] Build(string name, string version, string values)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            Add(tar, $"{name}/Chart.yaml", $"apiVersion: v2\nname: {name}\nversion: {version}\n");
            Add(tar, $"{name}/values.yaml", values);
            Add(tar, $"{name}/templates/configmap.yaml", "{{ fail \"templates are never rendered\" }}\n");
            Add(tar, $"{name}/charts/sub/values.yaml", "not: the chart's own\n");
        }
        return buffer.ToArray();
    }

    private static void Add(TarWriter tar, string path, string text)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };
        tar.WriteEntry(entry);
    }
}
