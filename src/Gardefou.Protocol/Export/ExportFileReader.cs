using System.IO.Compression;
using System.Runtime.InteropServices;
using Gardefou.Protocol.Export.Wire;
using Google.Protobuf;

namespace Gardefou.Protocol.Export;

/// <summary>
/// Reads GAEN export zips. Anything malformed (not a zip, missing, duplicated or oversized entries, wrong header,
/// undecodable protobuf, values out of range) raises <see cref="ExportFormatException"/> and nothing else, so
/// callers can treat a downloaded file as untrusted input with one catch. Sizes are capped before decoding
/// (<see cref="ExportFormat.MaxExportBinLength"/>, <see cref="ExportFormat.MaxSignatureFileLength"/>), so a zip
/// bomb cannot exhaust memory. The reader does not check signatures: see <see cref="ExportSignatureVerifier"/>.
/// </summary>
public static partial class ExportFileReader
{
    /// <summary>Reads an export zip held in memory.</summary>
    public static ExportFileContents Read(ReadOnlyMemory<byte> zip)
    {
        if (zip.Length > ExportFormat.MaxZipLength)
        {
            throw new ExportFormatException($"The file is larger than {ExportFormat.MaxZipLength} bytes.");
        }
        using var stream = MemoryMarshal.TryGetArray(zip, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(zip.ToArray(), writable: false);
        return ReadSeekable(stream);
    }

    /// <summary>Reads an export zip from <paramref name="zip"/>; non-seekable streams are buffered up to the size cap.</summary>
    public static ExportFileContents Read(Stream zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
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
            if (remaining > ExportFormat.MaxZipLength)
            {
                throw new ExportFormatException($"The file is larger than {ExportFormat.MaxZipLength} bytes.");
            }
            if (remaining >= 0)
            {
                return ReadSeekable(zip);
            }
        }
        var buffer = ReadCapped(zip, ExportFormat.MaxZipLength, "The file");
        using var memory = new MemoryStream(buffer, writable: false);
        return ReadSeekable(memory);
    }

    private static ExportFileContents ReadSeekable(Stream stream)
    {
        byte[] bin;
        byte[] sig;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > 16)
            {
                throw new ExportFormatException($"The zip holds {zip.Entries.Count} entries; an export file has two.");
            }
            bin = ReadEntry(zip, ExportFormat.ExportEntryName, ExportFormat.MaxExportBinLength);
            sig = ReadEntry(zip, ExportFormat.SignatureEntryName, ExportFormat.MaxSignatureFileLength);
        }
        catch (Exception e) when (IsZipFailure(e))
        {
            throw new ExportFormatException($"Not a readable zip file: {e.Message}", e);
        }
        var batch = ParseExportBin(bin);
        var signatures = ParseSignatures(sig);
        return new ExportFileContents(batch, signatures, bin);
    }

    // System.IO.Compression reports corrupt archives through several exception types; all of them mean
    // "this is not a valid zip" here, while programming errors (null references and the like) still surface.
    private static bool IsZipFailure(Exception e) =>
        e is InvalidDataException or IOException or NotSupportedException or ArgumentException or IndexOutOfRangeException or OverflowException;

    private static byte[] ReadEntry(ZipArchive zip, string name, int maxLength)
    {
        ZipArchiveEntry? found = null;
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName == name)
            {
                if (found is not null)
                {
                    throw new ExportFormatException($"The zip holds '{name}' twice.");
                }
                found = entry;
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
        using var stream = found.Open();
        // The declared length can lie: read at most the cap and fail beyond it, whatever the header says.
        return ReadCapped(stream, maxLength, $"'{name}'");
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

    private static IReadOnlyList<ExportSignature> ParseSignatures(byte[] sig)
    {
        TEKSignatureList list;
        try
        {
            list = TEKSignatureList.Parser.ParseFrom(sig);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ExportFormatException($"export.sig is not a valid TEKSignatureList: {e.Message}", e);
        }
        if (list.Signatures.Count == 0)
        {
            throw new ExportFormatException("export.sig holds no signature.");
        }
        var signatures = new ExportSignature[list.Signatures.Count];
        for (var i = 0; i < signatures.Length; i++)
        {
            var s = list.Signatures[i];
            if (s.SignatureInfo is null)
            {
                throw new ExportFormatException($"Signature {i} of export.sig has no signature_info.");
            }
            signatures[i] = new ExportSignature(ToInfo(s.SignatureInfo), s.BatchNum, s.BatchSize, s.Signature.ToByteArray());
        }
        return signatures;
    }

    private static SignatureInfo ToInfo(Wire.SignatureInfo info) =>
        new(info.VerificationKeyId, info.VerificationKeyVersion, info.SignatureAlgorithm);
}
