using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Gardefou.Protocol.Export;

/// <summary>
/// The one reader of GAEN export zips, for servers, tools and phones alike. <see cref="Read(Stream)"/> returns the whole
/// file; <see cref="ReadKeys"/> streams <c>export.bin</c> once through a 64 KiB window, hashing it as it parses and
/// handing the keys to a sink chunk by chunk, so a phone checks a file of half a million keys without holding it.
/// Both run the same parser, and anything malformed (not a zip, missing, duplicated or oversized entries, wrong
/// header, undecodable protobuf, values out of range) raises <see cref="ExportFormatException"/> and nothing else, so
/// callers can treat a downloaded file as untrusted input with one catch. Sizes are capped before and while decoding
/// (<see cref="ExportFormat.MaxExportBinLength"/>, <see cref="ExportFormat.MaxSignatureFileLength"/>), so a zip bomb
/// cannot exhaust memory. The reader does not check signatures: see <see cref="ExportSignatureVerifier"/>.
/// </summary>
public static partial class ExportFileReader
{
    /// <summary>Reads an export zip held in memory.</summary>
    public static ExportFileContents Read(ReadOnlyMemory<byte> zip)
    {
        CheckZipLength(zip.Length);
        using var stream = MemoryMarshal.TryGetArray(zip, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(zip.ToArray(), writable: false);
        return ReadWhole(stream);
    }

    /// <summary>Reads an export zip from <paramref name="zip"/>; non-seekable streams are buffered up to the size cap.</summary>
    public static ExportFileContents Read(Stream zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        using var buffered = Seekable(zip);
        return ReadWhole(buffered ?? zip);
    }

    /// <summary>
    /// Streams the keys of an export zip into <paramref name="sink"/> in file order and returns the rest of the file
    /// with the SHA-256 of <c>export.bin</c>. When it throws, or when the signature then fails to verify, nothing the
    /// sink received may be used. Non-seekable streams are buffered up to the size cap first (zip needs its directory).
    /// </summary>
    public static ExportFileSummary ReadKeys(Stream zip, ExportKeySink sink)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(sink);
        using var buffered = Seekable(zip);
        var (fields, signatures, digest, _) = ReadCore(buffered ?? zip, sink, keepExportBin: false);
        return new ExportFileSummary(
            fields.Region, fields.BatchNum, fields.BatchSize, fields.StartTimestamp, fields.EndTimestamp, fields.SignatureInfos,
            fields.KeyCount, fields.RevisedKeyCount, signatures, digest);
    }

    private static ExportFileContents ReadWhole(Stream zip)
    {
        var keys = new DiagnosisKeyCollector();
        var (fields, signatures, _, bin) = ReadCore(zip, keys, keepExportBin: true);
        ExportBatch batch;
        try
        {
            batch = new ExportBatch(fields.Region, fields.BatchNum, fields.BatchSize, fields.StartTimestamp, fields.EndTimestamp, keys.Keys, keys.RevisedKeys)
            {
                SignatureInfos = fields.SignatureInfos,
            };
        }
        catch (ArgumentException e)
        {
            // The parser's checks should leave nothing for the constructor to refuse; this keeps the one-exception promise.
            throw new ExportFormatException($"export.bin holds an invalid value: {e.Message}", e);
        }
        return new ExportFileContents(batch, signatures, bin!);
    }

    /// <summary>
    /// Opens the zip, finds its two entries, parses <c>export.bin</c> into <paramref name="sink"/> (from memory when
    /// the bytes are kept, else streamed and hashed) and then <c>export.sig</c>.
    /// </summary>
    private static (ExportBinFields Fields, ExportSignature[] Signatures, byte[] Sha256, byte[]? ExportBin) ReadCore(Stream stream, ExportKeySink sink, bool keepExportBin)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var (binEntry, sigEntry) = FindEntries(zip);
            sink.Begin(binEntry.Length);
            ExportBinFields fields;
            byte[] digest;
            byte[]? bin = null;
            if (keepExportBin)
            {
                bin = ReadEntry(binEntry, ExportFormat.MaxExportBinLength);
                fields = ExportBinParser.Parse(new WireWindow(bin), sink);
                digest = SHA256.HashData(bin);
            }
            else
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                using (var entry = binEntry.Open())
                {
                    fields = ExportBinParser.Parse(new WireWindow(entry, hash, ExportFormat.MaxExportBinLength), sink);
                }
                digest = hash.GetHashAndReset();
            }
            var signatures = SignatureListParser.Parse(ReadEntry(sigEntry, ExportFormat.MaxSignatureFileLength));
            return (fields, signatures, digest, bin);
        }
        catch (Exception e) when (IsZipFailure(e))
        {
            throw new ExportFormatException($"Not a readable zip file: {e.Message}", e);
        }
    }

    // System.IO.Compression reports corrupt archives through several exception types, also while an entry is being
    // read (a bad deflate stream, a CRC mismatch); all of them mean "this is not a valid zip" here, while programming
    // errors (null references and the like) still surface.
    private static bool IsZipFailure(Exception e) =>
        e is InvalidDataException or IOException or NotSupportedException or ArgumentException or IndexOutOfRangeException or OverflowException;
}
