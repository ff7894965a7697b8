using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Sources.Git.Flux;

/// <summary>
/// Follows Flux from its entry (the flux-system sync Kustomization, a FluxInstance's sync path,
/// or a folder the user names) through every Kustomization it reaches, rendering each as Flux
/// would: kustomize build of its path, its own patches and components, targetNamespace, and
/// post-build substitution.
/// </summary>
public sealed class FluxWalker(RepoFiles repo, RepoIndex index, KustomizeBuilder builder, ProblemLog problems)
{
    private readonly RenderedRepo _rendered = new();
    private readonly Queue<KubeObject> _queue = new();
    private readonly HashSet<ObjectRef> _seen = [];
    private string? _entryUrl;

    public RenderedRepo Walk(string? entryPath)
    {
        if (entryPath is not null) Root(entryPath.Trim('/'), new RepoEvidence(entryPath, 1, 1, ""));
        else FindEntry();
        while (_queue.TryDequeue(out var ks))
            if (_seen.Add(ks.Ref)) Render(ks);
        return _rendered;
    }

    private void FindEntry()
    {
        var syncs = index.Objects.Where(o => o.Group == FluxGroups.Kustomize && o.Kind == "Kustomization" && o.Name == "flux-system").ToList();
        var instances = index.Objects.Where(o => o.Group == FluxGroups.Operator && o.Kind == "FluxInstance").ToList();
        foreach (var sync in syncs.OrderByDescending(s => s.Origin is RepoEvidence r && r.File.EndsWith("gotk-sync.yaml", StringComparison.Ordinal)).Take(1))
        {
            _entryUrl = index.Find("GitRepository", sync.Namespace, sync.Root.Text("spec.sourceRef.name") ?? "flux-system")?.Root.Text("spec.url");
            _rendered.Objects.Add(sync);
            _queue.Enqueue(sync);
        }
        foreach (var instance in instances)
        {
            _rendered.Objects.Add(instance);
            _entryUrl ??= instance.Root.Text("spec.sync.url");
            if (instance.Root.Scalar("spec.sync.path") is { IsNull: false } path) Root(path.Value!.StartsWith("./", StringComparison.Ordinal) ? path.Value[2..] : path.Value.TrimStart('/'), path.Origin);
        }
        if (syncs.Count == 0 && instances.Count == 0)
            problems.Error(new RepoEvidence("", 1, 1, ""), "no Flux entry found: no flux-system Kustomization (gotk-sync.yaml) and no FluxInstance; pass the cluster folder with --entry");
    }

    /// <summary>A folder applied directly, as the entry's own sync path is.</summary>
    private void Root(string path, Evidence at)
    {
        if (repo.Resolve("", path, at) is not { } dir) return;
        if (!repo.IsDirectory(dir)) { problems.Error(at, $"entry folder '{path}' does not exist"); return; }
        Add(builder.Build(dir, at));
    }

    private void Add(IEnumerable<KubeObject> objects)
    {
        foreach (var o in objects)
        {
            _rendered.Objects.Add(o);
            if (o.Group == FluxGroups.Kustomize && o.Kind == "Kustomization") _queue.Enqueue(o);
        }
    }

    private void Render(KubeObject ks)
    {
        var spec = ks.Root.Map("spec") ?? new MapNode(ks.Origin, []);
        var pathNode = spec.Scalar("path");
        var path = Fact(pathNode, ks);
        var root = SourceRoot(ks, spec);
        if (root is null || path is null || !path.IsKnown)
        {
            _rendered.Kustomizations.Add(new(ks, null, path, null));
            return;
        }
        var at = pathNode?.Origin ?? ks.Origin;
        var dir = repo.Resolve(root, path.Value.TrimStart('/'), at);
        var exists = dir is not null && repo.IsDirectory(dir);
        _rendered.Kustomizations.Add(new(ks, dir, path, new Fact<bool>(exists, at)));
        if (!exists) return;

        var objects = builder.Build(dir!, at, spec);
        var substitution = Variables(ks, spec);
        if (!substitution.IsEmpty) objects = objects.Select(o => substitution.Apply(o, problems.Error)).ToList();
        Add(objects);
    }

    private static Fact<string>? Fact(ScalarNode? node, KubeObject ks) => node switch
    {
        null => new Fact<string>("./", ks.Origin),
        { IsKnown: false } => Fact<string>.NotKnown(node.Origin, node.Unknown!),
        _ => new Fact<string>(node.Value ?? "./", node.Origin),
    };

    /// <summary>The repo folder a Kustomization's source stands for, or null when its source is not this repo.</summary>
    private string? SourceRoot(KubeObject ks, MapNode spec)
    {
        var kind = spec.Text("sourceRef.kind") ?? "GitRepository";
        var name = spec.Text("sourceRef.name") ?? "";
        var ns = spec.Text("sourceRef.namespace") ?? ks.Namespace;
        if (kind == "GitRepository")
        {
            var source = _rendered.Find(kind, ns, name) ?? index.Find(kind, ns, name);
            var url = source?.Root.Text("spec.url");
            if (name == "flux-system" || url is null || url == _entryUrl) return "";
        }
        if (kind == "ExternalArtifact" && ArtifactFolder(ns, name) is { } folder) return folder;
        problems.Warning(spec["sourceRef"]?.Origin ?? ks.Origin,
            $"{ks.Ref} deploys from {kind} {name}, which is not this repository; its content is not read");
        return null;
    }

    /// <summary>The repo folder an ArtifactGenerator copies into an ExternalArtifact (<c>@alias/dir/**</c> to <c>@artifact/</c>).</summary>
    private string? ArtifactFolder(string? ns, string artifact)
    {
        foreach (var generator in _rendered.Objects.Concat(index.Objects).Where(o => o.Group == FluxGroups.SourceExtensions && o.Kind == "ArtifactGenerator" && o.Namespace == ns))
        {
            var spec = generator.Root.Map("spec");
            var entry = spec?.List("artifacts")?.Items.OfType<MapNode>().FirstOrDefault(a => a.Text("name") == artifact);
            var from = entry?.List("copy")?.Items.OfType<MapNode>().Select(c => c.Text("from")).FirstOrDefault(f => f is not null);
            if (from is null || !from.StartsWith('@')) continue;
            var slash = from.IndexOf('/');
            var alias = slash < 0 ? from[1..] : from[1..slash];
            var source = spec!.List("sources")?.Items.OfType<MapNode>().FirstOrDefault(s => s.Text("alias") == alias);
            if (source?.Text("kind") is not ("GitRepository" or null)) continue;
            var folder = slash < 0 ? "" : from[(slash + 1)..];
            var glob = folder.IndexOfAny(['*', '?', '[']);
            return (glob < 0 ? folder : folder[..glob]).Trim('/');
        }
        return null;
    }

    private Substitution Variables(KubeObject ks, MapNode spec)
    {
        var postBuild = spec.Map("postBuild");
        if (postBuild is null) return Substitution.None;
        var variables = new Dictionary<string, Substitution.Variable>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        foreach (var from in postBuild.List("substituteFrom")?.Items.OfType<MapNode>() ?? [])
        {
            var kind = from.Text("kind") ?? "ConfigMap";
            var name = from.Text("name") ?? "";
            var source = _rendered.Find(kind, ks.Namespace, name) ?? index.Find(kind, ks.Namespace, name);
            var label = $"{kind} {ks.Namespace}/{name}";
            if (source is null)
            {
                // A missing required source is HL-GIT-002's finding; here its variables are just unknown.
                if (from.Scalar("optional")?.AsBool() != true) unreadable.Add($"{label} (not in the repository)");
                continue;
            }
            foreach (var (key, value) in source.Root.Map("data")?.Entries ?? [])
                variables[key] = value is ScalarNode { IsKnown: true } s
                    ? new(s.Value, $"{label} ({s.Origin.Location})")
                    : new(null, label, (value as ScalarNode)?.Unknown ?? "not a string");
        }
        foreach (var (key, value) in postBuild.Map("substitute")?.Entries ?? [])
            variables[key] = new((value as ScalarNode)?.Value, $"{ks.Ref} postBuild.substitute ({value.Origin.Location})");
        return new Substitution(variables, unreadable);
    }
}
