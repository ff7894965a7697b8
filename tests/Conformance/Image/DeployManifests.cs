using k8s;
using k8s.Models;

namespace Homelab.Conformance.Live.Tests.Image;

/// <summary>
/// deploy/rbac.yaml and deploy/cronjob.yaml read strictly against the object schemas of the
/// Kubernetes version KubernetesClient is generated from (a field it does not know throws), so
/// the manifests are checked against a version that has batch/v1 CronJob and podFailurePolicy.
/// </summary>
public static class DeployManifests
{
    public static string Folder => Path.Combine(LiveCluster.RepoRoot(), "deploy");

    public static IReadOnlyList<object> Read(string file) =>
        KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(Folder, file)), typeMap: null, strict: true);

    public static V1CronJob CronJob() => Read("cronjob.yaml").OfType<V1CronJob>().Single();

    public static V1PersistentVolumeClaim ReportsClaim() => Read("cronjob.yaml").OfType<V1PersistentVolumeClaim>().Single();

    /// <summary>The one container of the CronJob's pod, the audit.</summary>
    public static V1Container Audit(V1CronJob cronJob) => cronJob.Spec.JobTemplate.Spec.Template.Spec.Containers.Single();
}
