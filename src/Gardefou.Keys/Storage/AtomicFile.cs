using System.Text;

namespace Gardefou.Keys.Storage;

/// <summary>Writes files so that a reader (or a CDN syncing the directory) sees the old or the new content, never a partial one.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/>, flushes it, then renames it over.</summary>
    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var temporary = TemporaryPathFor(path);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Text form of <see cref="WriteAllBytesAsync"/> (UTF-8, no byte order mark).</summary>
    public static Task WriteAllTextAsync(string path, string content, CancellationToken ct) =>
        WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(content), ct);

    /// <summary>A unique temporary name in the same directory (same file system, so the rename is atomic).</summary>
    public static string TemporaryPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? ".", $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
}
