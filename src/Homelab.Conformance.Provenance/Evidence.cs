namespace Homelab.Conformance.Provenance;

/// <summary>Where a value came from: a place in the repo, a chart's defaults, or a live object.</summary>
public abstract record Evidence
{
    /// <summary>A short, human-readable location, e.g. <c>talos/talconfig.yaml:12 (nodes[0].controlPlane)</c>.</summary>
    public abstract string Location { get; }

    /// <summary>The repo file and line this evidence points at, directly or through what it was defaulted for; null for a live object.</summary>
    public virtual RepoEvidence? RepoPlace() => null;

    public sealed override string ToString() => Location;
}

/// <summary>A value read from a file of the GitOps repo (path relative to the repo root, 1-based line).</summary>
public sealed record RepoEvidence(string File, int Line, int Column, string YamlPath) : Evidence
{
    public override RepoEvidence? RepoPlace() => this;

    /// <summary>How the value got there when not written literally, e.g. <c>${LB_POOL_CIDR} from ConfigMap flux-system/cluster-settings</c>.</summary>
    public string? Via { get; init; }

    public override string Location =>
        (YamlPath.Length == 0 ? $"{Printable.Escape(File)}:{Line}" : $"{Printable.Escape(File)}:{Line} ({YamlPath})") + (Via is null ? "" : $" via {Via}");
}

/// <summary>A value no file sets, taken from a Helm chart's default values.</summary>
public sealed record ChartDefaultEvidence(string Chart, string Version, string YamlPath) : Evidence
{
    /// <summary>The HelmRelease that leaves the value to the chart: where a user would set it.</summary>
    public Evidence? UsedBy { get; init; }

    public override RepoEvidence? RepoPlace() => UsedBy?.RepoPlace();

    public override string Location =>
        $"chart default {Chart} {Version} ({YamlPath})" + (UsedBy is null ? "" : $" for {UsedBy.Location}");
}

/// <summary>A value read from a live object through the Kubernetes API.</summary>
public sealed record LiveEvidence(string Kind, string? Namespace, string Name, string FieldPath) : Evidence
{
    public override string Location =>
        (Namespace is null ? $"{Kind}/{Name}" : $"{Kind} {Namespace}/{Name}") + (FieldPath.Length == 0 ? "" : $" ({FieldPath})");
}

/// <summary>A fact that holds because something is missing, e.g. no file declares a pool.</summary>
public sealed record AbsenceEvidence(string LookedFor, string LookedIn) : Evidence
{
    public override string Location => $"no {LookedFor} in {LookedIn}";
}

/// <summary>A setting nobody wrote, so the product's documented default applies, e.g. Rook's failure domain.</summary>
public sealed record DefaultEvidence(string Owner, string Setting, string Value, Evidence Near) : Evidence
{
    public override RepoEvidence? RepoPlace() => Near.RepoPlace();

    public override string Location => $"{Near.Location}: {Setting} unset, {Owner} default {Value}";
}

/// <summary>A key of the architecture spec, e.g. the setting that turns a requirement off.</summary>
public sealed record SpecEvidence(string File, int Line, int Column, string Key) : Evidence
{
    public override string Location => $"{Printable.Escape(File)}:{Line} ({Key})";
}
