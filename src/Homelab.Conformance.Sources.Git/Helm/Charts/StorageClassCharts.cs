using Homelab.Conformance.Documents;
using Homelab.Conformance.Facts;

namespace Homelab.Conformance.Sources.Git.Helm.Charts;

/// <summary>
/// Charts of other storage provisioners, which make StorageClasses of their own. Longhorn's is read
/// as its templates write it: one StorageClass <c>longhorn</c> (provisioner <c>driver.longhorn.io</c>)
/// whose <c>is-default-class</c> annotation is <c>persistence.defaultClass</c> quoted, true by default.
/// The others' templates are not rendered: what they make is not known.
/// </summary>
internal static class StorageClassCharts
{
    public const string Longhorn = "longhorn";

    /// <summary>Provisioner charts whose StorageClasses are not modelled (their values decide whether and which they make).</summary>
    public static readonly string[] Unrendered =
        ["openebs", "local-path-provisioner", "csi-driver-nfs", "csi-driver-smb", "nfs-subdir-external-provisioner", "democratic-csi",
         "ceph-csi-rbd", "ceph-csi-cephfs", "topolvm", "synology-csi", "seaweedfs-csi-driver", "juicefs-csi-driver", "piraeus", "linstor"];

    public static bool Handles(string chart) => chart == Longhorn || Unrendered.Contains(chart);

    public static void Project(ResolvedRelease release, ClusterFacts facts)
    {
        if (release.Chart != Longhorn)
        {
            facts.Storage.UnrenderedProvisioners.Add(new ChartReleaseFact(release.Release.Ref, release.Chart!, release.Release.Origin));
            return;
        }
        var flag = release.At("persistence.defaultClass") as ScalarNode;
        // `quote` of the value: a boolean as Helm reads it becomes "true"/"false", a string stays as written.
        var annotation = flag switch
        {
            null or { IsNull: true } => new ScalarNode(new Provenance.DefaultEvidence("longhorn chart", "persistence.defaultClass", "true", release.Release.Origin), "true"),
            { IsKnown: false } => flag,
            _ => new ScalarNode(flag.Place, YamlBooleans.Helm(flag).Value is { } b ? (b ? "true" : "false") : flag.Value),
        };
        var storageClass = VirtualObject.Create("storage.k8s.io/v1", "StorageClass", "longhorn", null, release.Release.Origin,
            [new("provisioner", new ScalarNode(release.Release.Place, "driver.longhorn.io"))], [new(KubeKinds.DefaultClassAnnotation, annotation)]);
        Extraction.ObjectExtractor.Add(facts, [storageClass]);
    }
}
