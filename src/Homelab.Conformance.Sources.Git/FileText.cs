using System.Buffers;
using System.Text;
using Homelab.Conformance.Documents;
using Homelab.Conformance.Provenance;

namespace Homelab.Conformance.Sources.Git;

/// <summary>
/// One file's bytes as text, within the limits: not over <see cref="RepoFiles.MaxFileBytes"/>,
/// no NUL byte, valid UTF-8 (a byte order mark dropped). Touches nothing shared, so files load in
/// parallel; what stops a file is logged at its line.
/// </summary>
internal static class FileText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="full"/>, or null; a missing file is logged at <paramref name="at"/>, where it was named.</summary>
    public static string? Read(string full, string relative, Evidence at, ProblemLog problems) =>
        Read(full, relative, at, problems, bytes => StrictUtf8.GetString(bytes).TrimStart('\uFEFF'));

    /// <summary>
    /// The text as <see cref="Read(string, string, Evidence, ProblemLog)"/> reads it, in a pooled buffer (the
    /// caller returns it): for a file parsed once and let go, whose text need never be a string.
    /// </summary>
    public static PooledText? ReadPooled(string full, string relative, Evidence at, ProblemLog problems) =>
        Read(full, relative, at, problems, bytes =>
        {
            var chars = ArrayPool<char>.Shared.Rent(StrictUtf8.GetCharCount(bytes));
            var length = StrictUtf8.GetChars(bytes, chars);
            var bom = chars.AsSpan(0, length).IndexOfAnyExcept('\uFEFF') is var first and >= 0 ? first : length;
            if (bom > 0) chars.AsSpan(bom, length - bom).CopyTo(chars);
            return (PooledText?)new PooledText(chars, length - bom);
        });

    private static T? Read<T>(string full, string relative, Evidence at, ProblemLog problems, Func<ReadOnlySpan<byte>, T> decode)
    {
        try
        {
            // File.Exists, not a FileInfo: a repo is thousands of files, and only the text is kept.
            if (!File.Exists(full)) { problems.Error(at, $"file '{Printable.Escape(relative)}' does not exist"); return default; }
            // Asked before any read: a FIFO would block the reader, a device never ends.
            if (FileKinds.NotAFile(full) is { } what) { problems.Error(Start(relative, 1), $"'{Printable.Escape(relative)}' is {what}, not a file; it is not read"); return default; }
            using var handle = File.OpenHandle(full);
            var length = RandomAccess.GetLength(handle);
            if (length > RepoFiles.MaxFileBytes)
            {
                problems.Error(Start(relative, 1), $"file is {length / (1024 * 1024)} MiB, over the {RepoFiles.MaxFileBytes / (1024 * 1024)} MiB limit; it is not read");
                return default;
            }
            // The bytes go to a pooled buffer, then to text.
            var buffer = ArrayPool<byte>.Shared.Rent((int)length + 1);
            try
            {
                var bytes = ReadAll(handle, ref buffer);
                var nul = bytes.IndexOf((byte)0);
                if (nul >= 0)
                {
                    problems.Error(Start(relative, LineOf(bytes, nul)), "file is binary (holds a NUL byte); it is not read");
                    return default;
                }
                try
                {
                    return decode(bytes);
                }
                catch (DecoderFallbackException e)
                {
                    problems.Error(Start(relative, LineOf(bytes, e.Index)), "file is not valid UTF-8; it is not read");
                    return default;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (IOException e)
        {
            problems.Error(at, $"file '{Printable.Escape(relative)}' cannot be read: {e.Message}");
            return default;
        }
        catch (UnauthorizedAccessException e)
        {
            problems.Error(at, $"file '{Printable.Escape(relative)}' cannot be read: {e.Message}");
            return default;
        }
    }

    private static RepoEvidence Start(string relative, int line) => new(relative, line, 1, "");

    private static int LineOf(ReadOnlySpan<byte> bytes, int index) =>
        1 + bytes[..Math.Clamp(index, 0, bytes.Length)].Count((byte)'\n');

    /// <summary>Every byte of the file, to its end even if it grew since it was measured (the buffer then grows too).</summary>
    private static ReadOnlySpan<byte> ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle handle, ref byte[] buffer)
    {
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan().CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (read == 0) return buffer.AsSpan(0, total);
            total += read;
        }
    }
}

/// <summary>A file's text in a buffer of <see cref="ArrayPool{T}.Shared"/>: <see cref="Return"/> it once read.</summary>
internal readonly record struct PooledText(char[] Buffer, int Length)
{
    public ReadOnlySpan<char> Span => Buffer.AsSpan(0, Length);

    public override string ToString() => new(Span);

    public void Return() => ArrayPool<char>.Shared.Return(Buffer);
}
