using System.IO.Compression;
using Gardefou.Protocol.Export.Wire;
using Google.Protobuf;

namespace Gardefou.Protocol.Export;

/// <summary>
/// Writes signed GAEN export zips: <c>export.bin</c> (16-byte header + <c>TemporaryExposureKeyExport</c>) and
/// <c>export.sig</c> (<c>TEKSignatureList</c>), each signature ECDSA P-256/SHA-256 over the whole <c>export.bin</c>.
/// </summary>
/// <remarks>
/// The writer sorts keys by their bytes (as Google's server does) so that file order says nothing about upload
/// order; callers need not sort. Entries are stored uncompressed: keys are random and do not compress, and
/// deflate would only cost time. Splitting into files of at most <see cref="RecommendedMaxKeysPerFile"/> keys
/// is the caller's job (<see cref="ExportBatch.Split"/>).
/// </remarks>
public static class ExportFileWriter
{
    /// <summary>Keys per file above which a batch should be split into several files.</summary>
    public const int RecommendedMaxKeysPerFile = 500_000;

    // Zip timestamps carry no information; a fixed one keeps files free of the writer's clock.
    private static readonly DateTimeOffset s_entryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the zip for <paramref name="batch"/>, signed by each of <paramref name="signingKeys"/> (newest first).</summary>
    public static void Write(Stream destination, ExportBatch batch, IReadOnlyList<ExportSigningKey> signingKeys)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(signingKeys);
        if (signingKeys.Count is < 1 or > 10)
        {
            throw new ArgumentException("An export file carries 1 to 10 signatures.", nameof(signingKeys));
        }

        var infos = new SignatureInfo[signingKeys.Count];
        for (var i = 0; i < infos.Length; i++)
        {
            infos[i] = signingKeys[i].Info;
        }
        var bin = ExportBinEncoder.Encode(batch, infos, ExportKeySorter.Sort(batch.Keys), ExportKeySorter.Sort(batch.RevisedKeys), out var length);
        if (length > ExportFormat.MaxExportBinLength)
        {
            // Readers (ours included) refuse larger files; about two million keys fit.
            throw new ArgumentException($"export.bin would be {length} bytes, above the {ExportFormat.MaxExportBinLength} readers accept; split the batch.", nameof(batch));
        }
        var exportBin = bin.AsSpan(0, length);

        var list = new TEKSignatureList();
        foreach (var signer in signingKeys)
        {
            list.Signatures.Add(new TEKSignature
            {
                SignatureInfo = new Wire.SignatureInfo
                {
                    VerificationKeyId = signer.Info.VerificationKeyId,
                    VerificationKeyVersion = signer.Info.VerificationKeyVersion,
                    SignatureAlgorithm = signer.Info.SignatureAlgorithm,
                },
                BatchNum = batch.BatchNum,
                BatchSize = batch.BatchSize,
                Signature = ByteString.CopyFrom(signer.Sign(exportBin)),
            });
        }

        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        WriteEntry(zip, ExportFormat.ExportEntryName, exportBin);
        WriteEntry(zip, ExportFormat.SignatureEntryName, list.ToByteArray());
    }

    /// <summary>Writes the zip into a new array.</summary>
    public static byte[] WriteToArray(ExportBatch batch, IReadOnlyList<ExportSigningKey> signingKeys)
    {
        using var stream = new MemoryStream();
        Write(stream, batch, signingKeys);
        return stream.ToArray();
    }

    private static void WriteEntry(ZipArchive zip, string name, ReadOnlySpan<byte> content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = s_entryTime;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
