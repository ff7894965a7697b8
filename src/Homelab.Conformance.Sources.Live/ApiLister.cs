using System.Net;
using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Live;

/// <summary>
/// One paginated LIST per kind (limit and continue), never a request per object. A continue
/// token that expired (410 Gone) restarts the list once from the beginning.
/// </summary>
public sealed class ApiLister(KubeApi api, int pageSize)
{
    private const string MetadataOnly = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

    public async Task<List<KubeObject>> ListAsync(LiveKind kind, string version, CancellationToken cancel)
    {
        try
        {
            return await Pages(kind, version, cancel).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.Status == HttpStatusCode.Gone)
        {
            return await Pages(kind, version, cancel).ConfigureAwait(false);
        }
    }

    private async Task<List<KubeObject>> Pages(LiveKind kind, string version, CancellationToken cancel)
    {
        var apiVersion = kind.Group.Length == 0 ? version : $"{kind.Group}/{version}";
        var path = kind.Group.Length == 0 ? $"/api/{version}/{kind.Resource}" : $"/apis/{kind.Group}/{version}/{kind.Resource}";
        var objects = new List<KubeObject>();
        string? next = null;
        do
        {
            var query = $"?limit={pageSize}" + (next is null ? "" : $"&continue={Uri.EscapeDataString(next)}");
            using var page = await api.GetAsync(path + query, kind.MetadataOnly ? MetadataOnly : null, cancel).ConfigureAwait(false)
                ?? throw new KubeApiException(HttpStatusCode.NotFound, $"{path} disappeared while listing");
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
                objects.Add(JsonTree.Object(item, apiVersion, kind.Kind));
            next = page.RootElement.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("continue", out var c) ? c.GetString() : null;
        }
        while (!string.IsNullOrEmpty(next));
        return objects;
    }
}
