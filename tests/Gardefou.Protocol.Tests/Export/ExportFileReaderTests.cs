using System.IO.Compression;
using Gardefou.Protocol.Export;

namespace Gardefou.Protocol.Tests.Export;

public sealed class ExportFileReaderTests
{
    internal static byte[] Zip(params (string Name, byte[] Content, CompressionLevel Level)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, level) in entries)
            {
                using var entry = zip.CreateEntry(name, level).Open();
                entry.Write(content);
            }
        }
        return stream.ToArray();
    }

    internal static byte[] ValidFile(int keys = 5)
    {
        using var ecdsa = ExportFileWriterTests.NewP256();
        return ValidFile(keys, ecdsa);
    }

    internal static byte[] ValidFile(int keys, System.Security.Cryptography.ECDsa signer) =>
        ExportFileWriter.WriteToArray(ExportFileWriterTests.Batch(keys), [new ExportSigningKey(new SignatureInfo("k", "v1"), signer)]);

    private static (byte[] Bin, byte[] Sig) Entries(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        return (Read(zip, "export.bin"), Read(zip, "export.sig"));

        static byte[] Read(ZipArchive zip, string name)
        {
            using var s = zip.GetEntry(name)!.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        }
    }

    private static ExportFormatException Fails(byte[] file) => Assert.Throws<ExportFormatException>(() => ExportFileReader.Read(file));

    [Fact]
    public void Non_zip_input_is_a_format_error()
    {
        Assert.Contains("zip", Fails("this is not a zip file"u8.ToArray()).Message, StringComparison.OrdinalIgnoreCase);
        Fails([]);
    }

    [Fact]
    public void Truncated_files_are_format_errors()
    {
        var file = ValidFile();
        foreach (var length in new[] { 1, 10, 30, file.Length / 2, file.Length - 22, file.Length - 1 })
        {
            Fails(file[..length]);
        }
    }

    [Fact]
    public void Missing_entries_are_format_errors()
    {
        var (bin, sig) = Entries(ValidFile());
        Assert.Contains("export.sig", Fails(Zip(("export.bin", bin, CompressionLevel.NoCompression))).Message, StringComparison.Ordinal);
        Assert.Contains("export.bin", Fails(Zip(("export.sig", sig, CompressionLevel.NoCompression))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicated_entry_is_a_format_error()
    {
        var (bin, sig) = Entries(ValidFile());
        var message = Fails(Zip(("export.bin", bin, CompressionLevel.NoCompression), ("export.bin", bin, CompressionLevel.NoCompression), ("export.sig", sig, CompressionLevel.NoCompression))).Message;
        Assert.Contains("twice", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_header_is_a_format_error()
    {
        var (bin, sig) = Entries(ValidFile());
        var wrong = (byte[])bin.Clone();
        "EK Export v2"u8.CopyTo(wrong);
        Assert.Contains("header", Fails(Zip(("export.bin", wrong, CompressionLevel.NoCompression), ("export.sig", sig, CompressionLevel.NoCompression))).Message, StringComparison.Ordinal);
        Fails(Zip(("export.bin", bin[..10], CompressionLevel.NoCompression), ("export.sig", sig, CompressionLevel.NoCompression)));
    }

    [Fact]
    public void Garbage_protobuf_is_a_format_error()
    {
        var (bin, sig) = Entries(ValidFile());
        var garbage = new byte[200];
        new Random(3).NextBytes(garbage);
        garbage[16] = 0xFF; // an invalid wire type right after the header
        ExportFormat.Header.CopyTo(garbage);
        Assert.Contains("TemporaryExposureKeyExport", Fails(Zip(("export.bin", garbage, CompressionLevel.NoCompression), ("export.sig", sig, CompressionLevel.NoCompression))).Message, StringComparison.Ordinal);
        Assert.Contains("TEKSignatureList", Fails(Zip(("export.bin", bin, CompressionLevel.NoCompression), ("export.sig", [0xFF, 0xFF, 0xFF], CompressionLevel.NoCompression))).Message, StringComparison.Ordinal);
        // A protobuf cut in the middle of the last key.
        Fails(Zip(("export.bin", bin[..^3], CompressionLevel.NoCompression), ("export.sig", sig, CompressionLevel.NoCompression)));
    }

    [Fact]
    public void Key_of_wrong_length_is_a_format_error()
    {
        var (bin, sig) = Entries(ValidFile(1));
        // Hand-built export: batch 1/1 and one key whose key_data has 15 bytes.
        byte[] message = [0x20, 1, 0x28, 1, 0x3A, 22, 0x0A, 15, .. new byte[15], 0x18, 1, 0x20, 144, 1];
        var wrong = new byte[16 + message.Length];
        ExportFormat.Header.CopyTo(wrong);
        message.CopyTo(wrong, 16);
        Assert.Contains("key_data is 15 bytes", Fails(Zip(("export.bin", wrong, CompressionLevel.NoCompression), ("export.sig", sig, CompressionLevel.NoCompression))).Message, StringComparison.Ordinal);
        Assert.NotEmpty(bin);
    }

    [Fact]
    public void Zip_bomb_entries_are_refused_before_they_fill_memory()
    {
        var (bin, sig) = Entries(ValidFile());
        var huge = new byte[ExportFormat.MaxExportBinLength + 1];
        ExportFormat.Header.CopyTo(huge);
        var bomb = Zip(("export.bin", huge, CompressionLevel.Optimal), ("export.sig", sig, CompressionLevel.NoCompression));
        Assert.True(bomb.Length < 1_000_000);
        Assert.Contains("export.bin", Fails(bomb).Message, StringComparison.Ordinal);

        var bigSig = Zip(("export.bin", bin, CompressionLevel.NoCompression), ("export.sig", new byte[ExportFormat.MaxSignatureFileLength + 1], CompressionLevel.Optimal));
        Assert.Contains("export.sig", Fails(bigSig).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_input_stream_is_refused()
    {
        using var big = new MemoryStream(new byte[ExportFormat.MaxZipLength + 1]);
        Assert.Throws<ExportFormatException>(() => ExportFileReader.Read(big));
    }

    [Fact]
    public void Non_seekable_stream_reads_like_bytes()
    {
        var file = ValidFile(7);
        using var pipe = new NonSeekableStream(file);
        Assert.Equal(7, ExportFileReader.Read(pipe).Batch.Keys.Count);
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
