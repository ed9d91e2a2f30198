using System.IO.Compression;

namespace Gardefou.Protocol.Export;

public static partial class ExportFileReader
{
    // An export zip has two entries; a few more are tolerated (as Google's reader does), thousands are not.
    private const int MaxEntries = 16;

    private static void CheckZipLength(long length)
    {
        if (length > ExportFormat.MaxZipLength)
        {
            throw new ExportFormatException($"The file is larger than {ExportFormat.MaxZipLength} bytes.");
        }
    }

    /// <summary>
    /// Null when <paramref name="zip"/> can be read in place (seekable, its length known and within the cap), else a
    /// copy of it in memory, read up to the cap: <see cref="ZipArchive"/> would otherwise copy it without a limit.
    /// </summary>
    private static MemoryStream? Seekable(Stream zip)
    {
        if (zip.CanSeek)
        {
            long remaining;
            try
            {
                remaining = zip.Length - zip.Position;
            }
            catch (NotSupportedException)
            {
                remaining = -1;
            }
            CheckZipLength(remaining);
            if (remaining >= 0)
            {
                return null;
            }
        }
        return new MemoryStream(ReadCapped(zip, ExportFormat.MaxZipLength, "The file"), writable: false);
    }

    private static (ZipArchiveEntry Bin, ZipArchiveEntry Sig) FindEntries(ZipArchive zip)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            throw new ExportFormatException($"The zip holds {zip.Entries.Count} entries; an export file has two.");
        }
        var bin = Single(zip, ExportFormat.ExportEntryName, ExportFormat.MaxExportBinLength);
        var sig = Single(zip, ExportFormat.SignatureEntryName, ExportFormat.MaxSignatureFileLength);
        return (bin, sig);
    }

    private static ZipArchiveEntry Single(ZipArchive zip, string name, int maxLength)
    {
        ZipArchiveEntry? found = null;
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName == name)
            {
                found = found is null ? entry : throw new ExportFormatException($"The zip holds '{name}' twice.");
            }
        }
        if (found is null)
        {
            throw new ExportFormatException($"The zip has no '{name}' entry.");
        }
        if (found.Length > maxLength)
        {
            throw new ExportFormatException($"'{name}' is {found.Length} bytes; at most {maxLength} are accepted.");
        }
        return found;
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, int maxLength)
    {
        using var stream = entry.Open();
        // The declared length can lie: read at most the cap and fail beyond it, whatever the header says.
        return ReadCapped(stream, maxLength, $"'{entry.FullName}'");
    }

    private static byte[] ReadCapped(Stream stream, int maxLength, string what)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > maxLength)
            {
                throw new ExportFormatException($"{what} is larger than {maxLength} bytes.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
