using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Time;

namespace Gardefou.Device.Exposure;

/// <summary>
/// The keys of one downloaded export file, read for a phone's memory budget: <c>export.bin</c> is streamed once
/// through a small window and hashed as it is parsed, key by key, into an <see cref="ExportKeySink"/> (the exposure
/// check matches each chunk of keys as it comes, so the file's keys are never held whole) or into compact arrays (24
/// bytes of key and validity plus two bytes of metadata per key, instead of protobuf objects); then the signature of
/// <c>export.sig</c> is checked against that hash with the pinned key. Nothing is returned unless it verifies.
/// </summary>
/// <remarks>
/// It reads the same format as <see cref="ExportFileReader"/> (tests compare the two on real samples and written
/// files) and throws <see cref="ExportFormatException"/> for anything malformed.
/// </remarks>
public sealed partial class DownloadedExport
{
    private DownloadedExport(MatchKey[] keys, byte[] reportTypes, sbyte[] daysSinceOnset, int count)
    {
        Keys = keys;
        ReportTypes = reportTypes;
        DaysSinceOnset = daysSinceOnset;
        Count = count;
    }

    /// <summary>Number of keys (first releases and revisions).</summary>
    public int Count { get; }

    internal MatchKey[] Keys { get; }

    /// <summary>Report type per key; <see cref="NoReportType"/> when the file has none.</summary>
    internal byte[] ReportTypes { get; }

    /// <summary>Days since onset per key; <see cref="NoOnset"/> when the file has none.</summary>
    internal sbyte[] DaysSinceOnset { get; }

    internal const byte NoReportType = 0xFF;
    internal const sbyte NoOnset = sbyte.MinValue;

    /// <summary>The report type of key <paramref name="index"/>, if the file gives one.</summary>
    public ReportType? ReportTypeOf(int index) => ReportTypes[index] == NoReportType ? null : (ReportType)ReportTypes[index];

    /// <summary>The days since symptom onset of key <paramref name="index"/>, if the file gives them.</summary>
    public int? DaysSinceOnsetOf(int index) => DaysSinceOnset[index] == NoOnset ? null : DaysSinceOnset[index];

    /// <summary>Reads and verifies an export zip; throws <see cref="ExportFormatException"/> when malformed or not signed by <paramref name="publicKey"/>.</summary>
    public static DownloadedExport ReadVerified(Stream zip, ECDsa publicKey)
    {
        var keys = new KeyCollector();
        ReadVerified(zip, publicKey, keys);
        return new DownloadedExport(keys.Keys, keys.ReportTypes, keys.Onsets, keys.Count);
    }

    /// <summary>
    /// Streams the keys of an export zip into <paramref name="sink"/>, then verifies the signature; throws
    /// <see cref="ExportFormatException"/> when malformed or not signed by <paramref name="publicKey"/>, in which case
    /// nothing the sink received may be used.
    /// </summary>
    internal static void ReadVerified(Stream zip, ECDsa publicKey, ExportKeySink sink)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(publicKey);
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            var bin = Single(archive, ExportFormat.ExportEntryName);
            var sig = Single(archive, ExportFormat.SignatureEntryName);
            if (bin.Length > ExportFormat.MaxExportBinLength || sig.Length > ExportFormat.MaxSignatureFileLength)
            {
                throw new ExportFormatException("An entry of the export file is larger than the format allows.");
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            (int Num, int Size) batch;
            sink.Begin(bin.Length);
            using (var stream = bin.Open())
            {
                batch = ParseBin(new WireReader(stream, hash, ExportFormat.MaxExportBinLength), sink);
            }
            var digest = hash.GetHashAndReset();
            byte[] signatures;
            using (var stream = sig.Open())
            {
                signatures = ReadAll(stream, ExportFormat.MaxSignatureFileLength);
            }
            if (!VerifyAny(signatures, digest, batch.Num, batch.Size, publicKey))
            {
                throw new ExportFormatException("The export file is not signed by the pinned key.");
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            throw new ExportFormatException("The export file is not a readable zip: " + e.Message, e);
        }
    }

    private static ZipArchiveEntry Single(ZipArchive archive, string name)
    {
        ZipArchiveEntry? found = null;
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName == name)
            {
                found = found is null ? entry : throw new ExportFormatException($"The zip holds '{name}' twice.");
            }
        }
        return found ?? throw new ExportFormatException($"The zip has no '{name}' entry.");
    }

    private static byte[] ReadAll(Stream stream, int max)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new ExportFormatException("export.sig is larger than the format allows.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ulong Varint(ReadOnlySpan<byte> data, scoped ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64 && at < data.Length; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new ExportFormatException("Malformed varint.");
    }

    private static ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> data, scoped ref int at)
    {
        var length = Varint(data, ref at);
        if (length > (ulong)(data.Length - at))
        {
            throw new ExportFormatException("A length-delimited field runs past its message.");
        }
        var span = data.Slice(at, (int)length);
        at += (int)length;
        return span;
    }

    private static void SkipInMessage(ReadOnlySpan<byte> data, scoped ref int at, int wireType)
    {
        switch (wireType)
        {
            case 0: Varint(data, ref at); break;
            case 1: at += 8; break;
            case 2: Bytes(data, ref at); break;
            case 5: at += 4; break;
            default: throw new ExportFormatException($"Unsupported wire type {wireType}.");
        }
        if (at > data.Length)
        {
            throw new ExportFormatException("A field runs past its message.");
        }
    }

    private static int Int32Field(ulong value) => unchecked((int)value);

    private static TemporaryExposureKey KeyOf(ReadOnlySpan<byte> bytes) =>
        bytes.Length == TemporaryExposureKey.Size ? TemporaryExposureKey.FromBytes(bytes) : throw new ExportFormatException("A key is not 16 bytes.");

    private static long ReadFixed64(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt64LittleEndian(bytes);

    private static EnIntervalNumber Interval(int value) =>
        value >= 0 ? new EnIntervalNumber(value) : throw new ExportFormatException("A rolling start interval is negative.");
}
