using Homelab.Conformance.Extraction;
using Homelab.Conformance.Facts;
using Homelab.Conformance.Tests.Flux;

namespace Homelab.Conformance.Tests.Rules;

/// <summary>
/// The default StorageClass as Kubernetes decides it (the same for repo and live objects): the GA or
/// the beta is-default-class annotation, exactly "true".
/// </summary>
public sealed class DefaultStorageClassTests
{
    private static Fact<bool> IsDefault(string annotations)
    {
        var facts = new ClusterFacts { Origin = FactOrigin.Repo, Source = "repo test" };
        ObjectExtractor.Add(facts, FluxYaml.Object("storage/class.yaml", $"""
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata:
              name: ceph-block
              annotations: {annotations}
            provisioner: rook-ceph.rbd.csi.ceph.com
            """));
        return facts.Storage.StorageClasses.Single().IsDefault;
    }

    [Theory]
    [InlineData("""{storageclass.kubernetes.io/is-default-class: "true"}""", true)]
    [InlineData("""{storageclass.beta.kubernetes.io/is-default-class: "true"}""", true)]
    [InlineData("""{storageclass.kubernetes.io/is-default-class: "false", storageclass.beta.kubernetes.io/is-default-class: "true"}""", true)]
    [InlineData("""{storageclass.kubernetes.io/is-default-class: "True"}""", false)]
    [InlineData("""{storageclass.kubernetes.io/is-default-class: "yes"}""", false)]
    [InlineData("""{storageclass.kubernetes.io/is-default-class: "1"}""", false)]
    [InlineData("{}", false)]
    public void Only_the_exact_string_true_in_either_annotation_makes_the_default(string annotations, bool expected)
    {
        var fact = IsDefault(annotations);

        fact.IsKnown.Should().BeTrue();
        fact.Value.Should().Be(expected);
    }

    [Fact]
    public void An_annotation_whose_value_is_not_known_leaves_it_unknown()
    {
        IsDefault("""{storageclass.kubernetes.io/is-default-class: "ENC[AES256_GCM,data:dHJ1ZQ==,type:str]"}""").IsKnown.Should().BeFalse();
    }
}
