using System.Runtime.InteropServices;

namespace Homelab.Conformance.Documents;

/// <summary>
/// What a path is on disk, asked of the OS before a byte is read: a FIFO blocks its reader until a
/// writer comes, and a device (<c>/dev/zero</c>) never ends, so neither may be read as a file. .NET's
/// FileInfo reports both as ordinary empty files; <c>statx</c> (whose layout is the same on every
/// Linux architecture) tells them apart.
/// </summary>
public static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;

    /// <summary>What the path is when it is not a regular file or a directory (e.g. "a FIFO"), else null. Links are followed.</summary>
    public static string? NotAFile(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        Span<byte> buffer = stackalloc byte[256]; // struct statx; on the stack, as every file of the repo is asked
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return null; // missing or unreadable: the caller's read says so
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // a libc without statx: the read goes on as before
        }
        // struct statx: stx_mode is the u16 at offset 28.
        return (BitConverter.ToUInt16(buffer[28..]) & 0xF000) switch
        {
            0x8000 or 0x4000 => null,
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, Span<byte> buffer);
}
