using System.Diagnostics;
using System.Security.Cryptography;
using Homelab.Conformance.Audit;
using Homelab.Conformance.Reports;

namespace Homelab.Cli.Commands;

/// <summary>Run metadata and report writing shared by the static and live commands.</summary>
public static class RunInfo
{
    public static RunMetadata Metadata(string specPath, string? repoPath)
    {
        // One git process for both answers: the commit, then the repo folder's path inside the work tree ("" at its root).
        var answer = repoPath is null ? null : Git(repoPath, "rev-parse", "HEAD", "--show-prefix")?.Split('\n');
        return new(specPath, Sha256(specPath))
        {
            RepoPath = repoPath,
            RepoCommit = answer?[0].Trim(),
            RepoPathInGit = answer is null ? null : answer.Length > 1 ? answer[1].Trim() : "",
        };
    }

    /// <summary>Writes every report format when a reports folder is given, and says where.</summary>
    public static void WriteReports(RunReport run, string? reportsRoot)
    {
        if (reportsRoot is null) return;
        try
        {
            var folder = ReportFolder.Write(run, reportsRoot);
            Console.WriteLine($"Reports: {folder}/ ({string.Join(", ", ReportFolder.Writers.Select(w => w.FileName))})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"warning: the reports could not be written to {reportsRoot}: {e.Message}");
        }
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A git answer about the repo folder, or null when it is not in a Git work tree (or git is absent).</summary>
    private static string? Git(string repoPath, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", repoPath, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start);
            if (git is null) return null;
            var head = git.StandardOutput.ReadToEnd().TrimEnd();
            git.WaitForExit();
            return git.ExitCode == 0 && head.Length > 0 ? head : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }
}
