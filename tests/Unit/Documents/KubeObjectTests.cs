using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Tests.Documents;

public class KubeObjectTests
{
    private static List<KubeObject> Objects(string text) =>
        YamlReader.ReadRepoFile("x.yaml", text).Documents.SelectMany(d => KubeObject.FromDocument(d.Root)).ToList();

    [Fact]
    public void A_document_is_one_object_with_its_identity()
    {
        var o = Objects("""
            apiVersion: cilium.io/v2alpha1
            kind: CiliumL2AnnouncementPolicy
            metadata:
              name: l2
              namespace: kube-system
            """).Single();

        o.ApiVersion.Should().Be("cilium.io/v2alpha1");
        o.Group.Should().Be("cilium.io");
        o.Kind.Should().Be("CiliumL2AnnouncementPolicy");
        o.Name.Should().Be("l2");
        o.Namespace.Should().Be("kube-system");
        o.Ref.Should().Be(new ObjectRef("CiliumL2AnnouncementPolicy", "kube-system", "l2"));
        o.Origin.Should().Be(new RepoEvidence("x.yaml", 1, 1, ""));
    }

    [Fact]
    public void The_core_group_is_empty() =>
        Objects("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n").Single().Group.Should().Be("");

    [Fact]
    public void A_List_is_expanded_into_its_items_which_keep_their_lines()
    {
        var objects = Objects("""
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: one}
              - not: an object
              - apiVersion: v1
                kind: ConfigMapList
                items:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: two}
            """);

        objects.Select(o => o.Name).Should().Equal("one", "two");
        objects[0].Origin.Should().Be(new RepoEvidence("x.yaml", 4, 5, "items[0]"));
        objects[1].Root.At("metadata.name")!.Origin.Should().Be(new RepoEvidence("x.yaml", 13, 26, "items[2].items[0].metadata.name"));
    }

    [Fact]
    public void What_is_not_an_object_gives_nothing()
    {
        Objects("a: 1\n").Should().BeEmpty();
        Objects("- apiVersion: v1\n  kind: ConfigMap\n").Should().BeEmpty();
        Objects("kind: ConfigMap\n").Should().BeEmpty();
        KubeObject.FromDocument(null).Should().BeEmpty();
    }

    [Fact]
    public void The_SOPS_block_is_dropped()
    {
        var o = Objects("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data:
              a: ENC[AES256_GCM,data:eA==,type:str]
            sops:
              age: []
              mac: ENC[AES256_GCM,data:eA==,type:str]
            """).Single();

        o.Root.ContainsKey("sops").Should().BeFalse();
        o.Root.Scalar("data.a")!.Unknown.Should().Be(ScalarNode.EncryptedValue);
    }

    [Fact]
    public void A_Secret_keeps_its_keys_and_places_but_never_its_values()
    {
        var o = Objects("""
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            type: Opaque
            data:
              token: c2VjcmV0
              sealed: ENC[AES256_GCM,data:eA==,type:str]
            stringData:
              password: hunter2
            sops:
              mac: x
            """).Single();

        o.Root.ContainsKey("sops").Should().BeFalse();
        o.Root.Text("type").Should().Be("Opaque");
        o.Root.Map("data")!.Keys.Should().Equal("token", "sealed");
        var token = o.Root.Scalar("data.token")!;
        token.IsKnown.Should().BeFalse();
        token.Unknown.Should().Be(ScalarNode.WithheldValue);
        token.Value.Should().BeNull();
        token.Origin.Should().Be(new RepoEvidence("x.yaml", 6, 10, "data.token"));
        o.Root.Scalar("data.sealed")!.Unknown.Should().Be(ScalarNode.EncryptedValue, "an encrypted value says it is encrypted");
        o.Root.Scalar("stringData.password")!.Unknown.Should().Be(ScalarNode.WithheldValue);
        o.Root.Scalar("stringData.password")!.ToString().Should().NotContain("hunter2");
        AllText(o.Root).Should().NotContain(["c2VjcmV0", "hunter2"]);
    }

    [Fact]
    public void SecretRedaction_leaves_other_kinds_alone()
    {
        var map = (MapNode)YamlReader.ReadRepoFile("x.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n").Documents.Single().Root!;
        SecretRedaction.Redact(map).Should().BeSameAs(map);
    }

    [Fact]
    public void WithNamespace_moves_namespaced_objects_and_keeps_cluster_scoped_ones()
    {
        var objects = Objects("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, namespace: old}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: r}
            ---
            apiVersion: v1
            kind: ConfigMap
            """);
        var ns = new ScalarNode(new RepoEvidence("kustomization.yaml", 2, 12, "namespace"), "web");

        var moved = objects[0].WithNamespace(ns);
        moved.Namespace.Should().Be("web");
        moved.Root.At("metadata.namespace")!.Origin.Should().Be(ns.Origin);
        objects[1].WithNamespace(ns).Namespace.Should().BeNull();
        objects[2].WithNamespace(ns).Namespace.Should().Be("web", "metadata is made when missing");
    }

    private static List<string> AllText(Node node) => node switch
    {
        MapNode m => m.Entries.SelectMany(e => AllText(e.Value).Prepend(e.Key)).ToList(),
        ListNode l => l.Items.SelectMany(AllText).ToList(),
        ScalarNode s => s.Value is null ? [] : [s.Value],
        _ => [],
    };
}
