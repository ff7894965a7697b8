using Homelab.Conformance.Documents;

namespace Homelab.Conformance.Sources.Git.Kustomize;

/// <summary>
/// The three ways a kustomization patches: <c>patches</c> (strategic merge or JSON 6902, with an
/// optional target), <c>patchesStrategicMerge</c> and <c>patchesJson6902</c>. As kustomize: a
/// target that selects nothing patches nothing, but a strategic merge patch without a target must
/// find the object it names (kustomize refuses the build otherwise).
/// </summary>
internal sealed class Patches(RepoFiles repo, ProblemLog problems)
{
    public List<KubeObject> Apply(MapNode kustomization, string dir, List<KubeObject> objects)
    {
        objects = Apply(kustomization.List("patches")?.Items.OfType<MapNode>() ?? [], dir, objects);
        objects = Apply(kustomization.List("patchesJson6902")?.Items.OfType<MapNode>() ?? [], dir, objects);
        foreach (var entry in kustomization.List("patchesStrategicMerge")?.Items.OfType<ScalarNode>() ?? [])
        {
            var inline = entry.Value?.Contains('\n') == true;
            var documents = inline ? Parse(entry) : Read(dir, entry);
            foreach (var doc in documents) objects = Strategic(doc, entry, objects, null);
        }
        return objects;
    }

    /// <summary>Entries of <c>patches</c> (a kustomization's, or a Flux Kustomization's own), in order.</summary>
    public List<KubeObject> Apply(IEnumerable<MapNode> patches, string dir, List<KubeObject> objects)
    {
        foreach (var patch in patches)
            objects = ApplyOne(patch, dir, objects, patch.Map("target") is { } t ? PatchTarget.From(t) : null);
        return objects;
    }

    private List<KubeObject> ApplyOne(MapNode patch, string dir, List<KubeObject> objects, PatchTarget? target)
    {
        var documents = patch.Scalar("patch") is { IsNull: false } inline ? Parse(inline)
            : patch.Scalar("path") is { IsNull: false } path ? Read(dir, path)
            : Missing(patch);
        foreach (var doc in documents)
            objects = doc is ListNode ops ? Json6902(ops, patch, objects, target) : Strategic(doc, patch, objects, target);
        return objects;
    }

    private List<KubeObject> Json6902(ListNode ops, Node at, List<KubeObject> objects, PatchTarget? target)
    {
        if (target is null) { problems.Error(at.Origin, "a JSON 6902 patch needs a target"); return objects; }
        return Each(objects, target, at, mustMatch: false, o =>
        {
            try
            {
                return JsonPatch.Apply(o.Root, ops) is MapNode m ? o.WithRoot(m) : o;
            }
            catch (JsonPatch.PatchException e)
            {
                problems.Error(ops.Origin, $"JSON patch on {o.Ref} failed: {e.Message}");
                return o;
            }
        });
    }

    private List<KubeObject> Strategic(Node doc, Node at, List<KubeObject> objects, PatchTarget? target)
    {
        if (doc is not MapNode patch) { problems.Error(doc.Origin, "a strategic merge patch must be a mapping"); return objects; }
        var named = target is null;
        target ??= PatchTarget.Self(patch);
        return Each(objects, target, at, mustMatch: named, o =>
        {
            // With a target, the patch's own name and kind do not rename the object; the rest of
            // its metadata merges in one pass, so a null label or annotation still deletes.
            var body = patch.Map("metadata") is { } meta ? patch.With("metadata", meta.Without("name").Without("namespace")) : patch;
            return o.WithRoot(StrategicMerge.Apply(o.Root, body.Without("apiVersion").Without("kind"), KubeKinds.IsBuiltIn(o.Group)));
        });
    }

    private List<KubeObject> Each(List<KubeObject> objects, PatchTarget target, Node at, bool mustMatch, Func<KubeObject, KubeObject> apply)
    {
        var matched = 0;
        var result = objects.Select(o =>
        {
            if (!target.Matches(o)) return o;
            matched++;
            return apply(o);
        }).ToList();
        if (matched == 0 && mustMatch) problems.Error(at.Origin, $"no resource matches the strategic merge patch of {target}: kustomize refuses the build");
        return result;
    }

    private IEnumerable<Node> Parse(ScalarNode inline)
    {
        var (documents, problem) = Embedded.Parse(inline);
        if (problem is not null) problems.Error(problem.Where, problem.Cause);
        return documents.Select(d => d.Root).OfType<Node>();
    }

    private IEnumerable<Node> Read(string dir, ScalarNode path)
    {
        if (repo.Resolve(dir, path.Value!, path.Origin) is not { } file) return [];
        if (!repo.IsFile(file)) { problems.Error(path.Origin, $"patch file '{path.Value}' does not exist"); return []; }
        return repo.ReadYaml(file, path.Origin).Select(d => d.Root).OfType<Node>();
    }

    private IEnumerable<Node> Missing(MapNode patch)
    {
        problems.Error(patch.Origin, "a patch needs 'patch' or 'path'");
        return [];
    }
}
