using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Provenance;
using Homelab.Conformance.Sources.Flux;
using Homelab.Conformance.Sources.Git.Kustomize;

namespace Homelab.Conformance.Sources.Git.Flux;

/// <summary>
/// Follows Flux from one cluster's entry (<see cref="FluxEntry"/>, or a folder the user names)
/// through every Kustomization it reaches, rendering each as Flux would: kustomize build of its
/// path, its own patches and components, targetNamespace, and post-build substitution. What it
/// cannot read (a source that is not this repo, a build kustomize refuses) is recorded, so that
/// nothing is judged absent from it. Flux objects are read through their typed views; what is
/// malformed in one is logged at its place.
/// </summary>
public sealed class FluxWalker(RepoFiles repo, RepoIndex index, KustomizeBuilder builder, ProblemLog problems)
{
    private readonly RenderedRepo _rendered = new();
    private readonly Queue<KubeObject> _queue = new();
    private readonly HashSet<ObjectRef> _seen = [];
    private readonly BuildsAhead _ahead = new(repo);
    private string? _entryUrl;

    /// <summary>
    /// Charts that add substitution sources to every Flux Kustomization as the API server admits it
    /// (a mutating webhook): what they add is not in any Kustomization the repo holds.
    /// </summary>
    private static readonly string[] SubstitutionInjectors = ["kustomize-mutating-webhook"];

    private List<string>? _injected;

    /// <summary>HelmReleases of the repo that may add substitution sources no file shows.</summary>
    private List<string> Injected() => _injected ??= index.Objects.Where(FluxHelmRelease.Is)
        .Where(o => SubstitutionInjectors.Any(chart => FluxEntries.IsChart(chart, FluxHelmRelease.Parse(o).View, o, index)))
        .Select(o => $"the sources {o.Ref} (a mutating webhook) adds to every Kustomization")
        .ToList();

    /// <summary>What Flux applies from <paramref name="entry"/>; with none, every tree of the repo is unread.</summary>
    public RenderedRepo Walk(FluxEntry? entry)
    {
        if (entry is null)
        {
            var repoRoot = new RepoEvidence("", 1, 1, "");
            problems.Error(repoRoot, "no Flux entry found: no flux-system Kustomization (gotk-sync.yaml), no FluxInstance and no flux-instance HelmRelease; pass the cluster folder with --entry");
            _rendered.Unread.Add(new(repoRoot, "no Flux entry was found, so nothing Flux applies was read"));
        }
        else
        {
            _entryUrl = entry.Url;
            foreach (var made in entry.Bootstrap) _rendered.Objects.Add(made);
            if (!entry.Bootstrap.Contains(entry.Sync)) _rendered.Objects.Add(entry.Sync);
            _queue.Enqueue(entry.Sync);
        }
        return Drain();
    }

    /// <summary>What Flux applies from a folder the user names (<c>--entry</c>).</summary>
    public RenderedRepo Walk(string entryPath)
    {
        Root(entryPath.Trim('/'), new RepoEvidence(entryPath, 1, 1, ""));
        return Drain();
    }

    private RenderedRepo Drain()
    {
        while (_queue.TryDequeue(out var ks))
        {
            if (!_seen.Add(ks.Ref)) continue;
            // The Kustomizations of one level wait together: build them ahead, on every core.
            // Those planned already are passed over first: the queue is scanned at every step.
            _ahead.Start(_queue.Where(o => !_ahead.Considered(o) && !_seen.Contains(o.Ref)).Prepend(ks));
            Render(ks);
        }
        return _rendered;
    }

    /// <summary>A folder applied directly, as <c>--entry</c> names it.</summary>
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
            if (FluxKustomization.Is(o)) _queue.Enqueue(o);
        }
    }

    private void Render(KubeObject o)
    {
        var ks = problems.Log(FluxKustomization.Parse(o));
        // Without a path, Flux builds the root of the source.
        var path = ks.Path ?? new Fact<string>("./", o.Origin);
        var (root, notHere) = path.IsKnown ? SourceRoot(o, ks, path.Value) : ("", null);
        if (root is null && notHere is null)
        {
            // Flux's own distribution: its controllers and CRDs, nothing a rule looks for.
            _rendered.Kustomizations.Add(new(o, null, path, null));
            return;
        }
        if (root is null || !path.IsKnown)
        {
            _rendered.Kustomizations.Add(new(o, null, path, null));
            _rendered.Unread.Add(new(path.Evidence, root is null ? $"{o.Ref} {notHere}" : $"{o.Ref} applies a path that is {path.Unknown}"));
            return;
        }
        // A folder built ahead was resolved from this very path against the repo root, and found a directory: not again.
        var ahead = root.Length == 0 ? _ahead.BuiltFrom(o) : null;
        var dir = ahead ?? repo.Resolve(root, path.Value.TrimStart('/'), path.Evidence);
        var exists = ahead is not null || (dir is not null && repo.IsDirectory(dir));
        _rendered.Kustomizations.Add(new(o, dir, path, new Fact<bool>(exists, path.Evidence)));
        if (!exists) return;
        var (objects, refusal, opaques) = _ahead.Take(o, dir!, path.Evidence, ks, builder, problems);
        // What kustomize refuses, Flux does not apply: none of this build's objects is what the cluster holds.
        if (refusal is { } refused)
        {
            _rendered.Unread.Add(new(refused.Where, $"{o.Ref} cannot be built ({refused.Cause}), so Flux applies none of it"));
            return;
        }
        // An object whose kind is encrypted may be of any kind: nothing is known to be absent.
        foreach (var opaque in opaques)
            _rendered.Unread.Add(new(opaque, $"{o.Ref} applies an object whose apiVersion and kind are SOPS-encrypted, so it may be of any kind"));
        var substitution = Variables(o, ks);
        if (!substitution.IsEmpty)
        {
            Action<Evidence, string> report = problems.Error;
            objects = objects.Select(x => substitution.Apply(x, report)).ToList();
        }
        var appliedBy = o.Ref.ToString();
        Add(objects.Select(x => x.AppliedFrom(appliedBy)));
    }

    /// <summary>The object of a reference, among what is rendered so far, else anywhere in the repo (the same namespace rule for both).</summary>
    private KubeObject? Find(string kind, string? ns, string name) => _rendered.Find(kind, ns, name) ?? index.Find(kind, ns, name);

    private string? Url(KubeObject? source) => source is not null && FluxSource.Is(source) ? problems.Log(FluxSource.Parse(source)).Url.Known() : null;

    /// <summary>
    /// The repo folder a Kustomization's <paramref name="path"/> is read against (its source's root), or
    /// null, with why, when its source is not this repo (for an ExternalArtifact: the folder is where
    /// the path itself lies, so the path is read against the repo root); (null, null) for Flux's own
    /// distribution, which holds nothing to read.
    /// </summary>
    private (string? Root, string? Why) SourceRoot(KubeObject o, FluxKustomization ks, string path)
    {
        var kind = ks.SourceRef?.Kind ?? "GitRepository";
        var name = ks.SourceRef?.Name ?? "";
        var ns = ks.SourceRef is { } reference ? reference.NamespaceFrom(o.Namespace) : o.Namespace;
        if (kind == "GitRepository" && IsThisRepo(ns, name)) return ("", null);
        string? why = null;
        if (kind == "ExternalArtifact" && Artifact(ns, name) is var (artifact, isThisRepo) && artifact is not null)
        {
            var (folder, notOne) = ArtifactPaths.Resolve(artifact, isThisRepo, path);
            if (folder is not null) return (Relocated(folder, path), null);
            why = notOne;
        }
        if (why is null && kind == "OCIRepository" && Url(Find(kind, ns, name)) is { } url && IsFluxDistribution(url)) return (null, null);
        problems.Warning(ks.SourceRef?.At ?? o.Origin,
            why is null ? $"{o.Ref} deploys from {kind} {name}, which is not this repository; its content is not read" : $"{o.Ref} deploys from {kind} {name}: {why}; its content is not read");
        return (null, why is null ? "deploys from a source that is not this repository" : $"deploys from {kind} {name}: {why}");
    }

    /// <summary>
    /// The OCI artifact Flux publishes of its own install (controllers, CRDs, RBAC, network policies),
    /// which repos that manage Flux with Flux deploy: it holds nothing but Flux, so not reading it
    /// leaves nothing a rule looks for unknown.
    /// </summary>
    private static bool IsFluxDistribution(string url) =>
        url.TrimEnd('/') is "oci://ghcr.io/fluxcd/flux-manifests" or "oci://docker.io/fluxcd/flux-manifests";

    /// <summary>A root against which <paramref name="path"/> resolves to <paramref name="folder"/>.</summary>
    private static string Relocated(string folder, string path)
    {
        var depth = FluxEntries.Normal(path) is { Length: > 0 } p ? p.Split('/').Length : 0;
        return string.Join('/', new[] { folder }.Concat(Enumerable.Repeat("..", depth)).Where(x => x.Length > 0));
    }

    /// <summary>Whether a GitRepository is this repo: the entry's own (flux-system), one of the entry's URL, or one whose URL is not known.</summary>
    private bool IsThisRepo(string? ns, string name)
    {
        var url = Url(Find("GitRepository", ns, name));
        return name == "flux-system" || url is null || url == _entryUrl;
    }

    /// <summary>The artifact an ArtifactGenerator makes under this name, and how to tell which of its aliases stand for this repo.</summary>
    private (FluxArtifactGenerator.Artifact? Artifact, Func<string?, bool> IsThisRepo) Artifact(string? ns, string artifact)
    {
        const string Kind = "ArtifactGenerator";
        foreach (var o in _rendered.OfKind(Kind, ns).Concat(index.OfKind(Kind, ns)).Where(FluxArtifactGenerator.Is))
        {
            var generator = problems.Log(FluxArtifactGenerator.Parse(o));
            if (generator.Artifacts.FirstOrDefault(a => a.Name == artifact) is not { } found) continue;
            bool IsRepo(string? alias) => generator.Sources.FirstOrDefault(s => s.Alias == alias) is { } input
                && input.Source.Kind is "GitRepository" or null && IsThisRepo(input.Source.NamespaceFrom(o.Namespace), input.Source.Name ?? "");
            return (found, IsRepo);
        }
        return (null, _ => false);
    }

    private Substitution Variables(KubeObject o, FluxKustomization ks)
    {
        var variables = new Dictionary<string, Substitution.Variable>(StringComparer.Ordinal);
        var unreadable = new List<string>(Injected());
        foreach (var from in ks.SubstituteFrom)
        {
            var kind = from.Kind ?? "ConfigMap";
            var name = from.Name ?? "";
            var ns = from.NamespaceFrom(o.Namespace);
            var source = Find(kind, ns, name);
            var label = $"{kind} {ns}/{name}";
            if (source is null)
            {
                // A missing required source is HL-GIT-002's finding; an optional one may still be in the
                // cluster (made by hand or by another controller). Either way its variables are unknown.
                unreadable.Add($"{label} ({(from.Optional ? "optional, " : "")}not in the repository)");
                // A later source wins over earlier ones (Flux docs, postBuild): one that cannot be read may override them all.
                foreach (var key in variables.Keys.ToList())
                    variables[key] = new(null, label, $"may be overridden by {label}, a later substituteFrom source not in the repository");
                continue;
            }
            // Flux reads both: a Secret's data (base64) and stringData; a Secret's values are withheld, so unknown here.
            foreach (var (key, value) in (source.Root.Map("data")?.Entries ?? []).Concat(source.Root.Map("stringData")?.Entries ?? []))
                variables[key] = value is ScalarNode { IsKnown: true } s
                    ? new(s.Value, $"{label} ({s.Origin.Location})")
                    : new(null, label, (value as ScalarNode)?.Unknown ?? "not a string");
        }
        foreach (var (key, value) in ks.Substitute)
            variables[key] = new(value.Value, $"{o.Ref} postBuild.substitute ({value.Origin.Location})");
        return new Substitution(variables, unreadable);
    }
}
