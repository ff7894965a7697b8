using Homelab.Conformance.Rules;
using Homelab.Conformance.Tests.Violations;
using Homelab.RepoGen;

namespace Homelab.Conformance.Tests.RepoGen;

/// <summary>
/// The benchmark's real-repo shape is a valid repo: about 1,200 files, entered through a
/// FluxInstance, audited conformant with no input problems, and the same bytes for the same seed.
/// </summary>
public sealed class RealRepoTests
{
    [Fact]
    public void The_real_shape_is_a_valid_repo_the_audit_reads_without_problems()
    {
        var work = Directory.CreateTempSubdirectory("realrepo-");
        try
        {
            var root = Path.Combine(work.FullName, "repo");
            RealRepo.Write(new GenOptions(root, Path.Combine(FixtureAudit.Fixtures, "homelab"), 0, Seed: 3, Real: true));
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count().Should().BeInRange(1100, 1300);
            File.ReadAllText(Path.Combine(root, "kubernetes/apps/flux-system/flux-operator/app/fluxinstance.yaml")).Should().Contain("path: kubernetes/flux/cluster");

            var audit = FixtureAudit.Run(root, FixtureAudit.Spec);
            audit.Problems.Should().BeEmpty("the generated repo is meant to be valid");
            audit.Results.Should().NotContain(r => r.Outcome == Outcome.Fail || r.Outcome == Outcome.Error);

            var again = Path.Combine(work.FullName, "again");
            RealRepo.Write(new GenOptions(again, Path.Combine(FixtureAudit.Fixtures, "homelab"), 0, Seed: 3, Real: true));
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                File.ReadAllBytes(Path.Combine(again, Path.GetRelativePath(root, file))).Should().Equal(File.ReadAllBytes(file));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
