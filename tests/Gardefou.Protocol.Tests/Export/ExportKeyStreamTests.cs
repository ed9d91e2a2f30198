using System.IO.Compression;
using System.Security.Cryptography;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Tests.Vectors;

namespace Gardefou.Protocol.Tests.Export;

/// <summary>
/// <see cref="ExportFileReader.ReadKeys"/>, the streamed read a phone uses: the same keys, fields and refusals as the
/// whole-file read, on real samples, on written files and on mutated ones.
/// </summary>
public sealed class ExportKeyStreamTests
{
    [Theory]
    [MemberData(nameof(ExportSample.Indexes), MemberType = typeof(ExportSample))]
    public void Real_samples_stream_the_same_keys_as_the_whole_read_and_verify_by_the_streamed_hash(int index)
    {
        var sample = ExportSample.Load()[index];
        var zip = File.ReadAllBytes(TestData.PathOf(sample.File));
        using var key = EcdsaPem.LoadPublicKey(File.ReadAllText(TestData.PathOf(sample.PublicKeyFile)));
        var whole = ExportFileReader.Read(zip);

        var sink = new CollectingSink();
        var summary = ExportFileReader.ReadKeys(new MemoryStream(zip), sink);

        AssertSame(whole, summary, sink);
        Assert.Equal(sample.ExportBinSha256, Convert.ToHexStringLower(summary.ExportBinSha256.Span));
        Assert.True(ExportSignatureVerifier.Verify(summary, key));
        Assert.False(ExportSignatureVerifier.Verify(summary, key, sample.SignatureInfos[0].Id + "x", keyVersion: null));
    }

    [Fact]
    public void Written_files_with_every_field_and_many_chunks_stream_the_same_and_need_the_right_key()
    {
        var batch = ExportFileWriterTests.Batch(3 * ExportKeySink.ChunkSize, revised: 1000, seed: 4);
        var signer = ExportSigningKey.Generate("310", "v1");
        var zip = ExportFileWriter.WriteToArray(batch, [signer]);

        var sink = new CollectingSink();
        var summary = ExportFileReader.ReadKeys(new MemoryStream(zip), sink);

        AssertSame(ExportFileReader.Read(zip), summary, sink);
        Assert.Equal(1000, summary.RevisedKeyCount);
        Assert.True(ExportSignatureVerifier.Verify(summary, signer.PrivateKey));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(ExportSignatureVerifier.Verify(summary, other));
    }

    [Fact]
    public void Chunks_hold_at_most_the_chunk_size_and_number_the_keys_in_file_order()
    {
        var zip = ExportFileWriter.WriteToArray(ExportFileWriterTests.Batch(ExportKeySink.ChunkSize + 5), [ExportSigningKey.Generate("310", "v1")]);
        var sink = new CollectingSink();

        ExportFileReader.ReadKeys(new MemoryStream(zip), sink);

        Assert.Equal([(0, ExportKeySink.ChunkSize), (ExportKeySink.ChunkSize, 5)], sink.Chunks);
    }

    [Fact]
    public void Mutated_files_are_refused_with_the_format_error_or_verify_only_with_the_signed_keys()
    {
        var signer = ExportSigningKey.Generate("310", "v1");
        var zip = ExportFileWriter.WriteToArray(ExportFileWriterTests.Batch(40, revised: 3), [signer]);
        var original = ExportFileReader.Read(zip);
        var random = new Random(8);
        var refused = 0;
        for (var i = 0; i < 2000; i++)
        {
            var mutated = (byte[])zip.Clone();
            var mutations = 1 + random.Next(3);
            for (var m = 0; m < mutations; m++)
            {
                mutated[random.Next(mutated.Length)] ^= (byte)(1 + random.Next(255));
            }
            if (random.Next(4) == 0)
            {
                mutated = mutated[..random.Next(mutated.Length)];
            }
            try
            {
                var sink = new CollectingSink();
                var summary = ExportFileReader.ReadKeys(new MemoryStream(mutated), sink);
                if (ExportSignatureVerifier.Verify(summary, signer.PrivateKey))
                {
                    // A mutation that still verifies can only have touched bytes the signature does not cover.
                    AssertSame(original, summary, sink);
                }
            }
            catch (ExportFormatException)
            {
                refused++;
            }
        }
        Assert.True(refused > 200, $"only {refused} of 2000 mutated files were refused");
    }

    [Fact]
    public void A_non_seekable_stream_streams_like_bytes()
    {
        var zip = ExportFileReaderTests.ValidFile(7);
        var sink = new CollectingSink();

        var summary = ExportFileReader.ReadKeys(new NonSeekable(zip), sink);

        Assert.Equal(7, summary.KeyCount);
        Assert.Equal(7, sink.Keys.Count);
    }

    [Fact]
    public void A_bomb_entry_that_lies_about_its_length_is_refused_while_it_is_streamed()
    {
        var sig = Entry(ExportFileReaderTests.ValidFile(), "export.sig");
        var huge = new byte[ExportFormat.MaxExportBinLength + 1];
        ExportFormat.Header.CopyTo(huge);
        var bomb = ExportFileReaderTests.Zip(("export.bin", huge, CompressionLevel.Optimal), ("export.sig", sig, CompressionLevel.NoCompression));

        var error = Assert.Throws<ExportFormatException>(() => ExportFileReader.ReadKeys(new MemoryStream(bomb), new CollectingSink()));

        Assert.Contains("export.bin", error.Message, StringComparison.Ordinal);
    }

    internal static byte[] Entry(byte[] zipBytes, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        using var s = zip.GetEntry(name)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private static void AssertSame(ExportFileContents whole, ExportFileSummary summary, CollectingSink sink)
    {
        var batch = whole.Batch;
        Assert.Equal(
            (batch.Region, batch.BatchNum, batch.BatchSize, batch.StartTimestamp, batch.EndTimestamp, batch.Keys.Count, batch.RevisedKeys.Count),
            (summary.Region, summary.BatchNum, summary.BatchSize, summary.StartTimestamp, summary.EndTimestamp, summary.KeyCount, summary.RevisedKeyCount));
        Assert.Equal(batch.SignatureInfos, summary.SignatureInfos);
        Assert.Equal(whole.Signatures.Count, summary.Signatures.Count);
        Assert.Equal(SHA256.HashData(whole.ExportBin.Span), summary.ExportBinSha256.ToArray());
        var streamed = sink.Keys.Select(k => new DiagnosisKey(k.Key.Key, k.Key.Validity, k.Metadata.TransmissionRiskLevel, k.Metadata.ReportType, k.Metadata.DaysSinceOnsetOfSymptoms)).ToList();
        Assert.Equal(batch.Keys, streamed.Where((_, i) => !sink.Keys[i].Metadata.Revised));
        Assert.Equal(batch.RevisedKeys, streamed.Where((_, i) => sink.Keys[i].Metadata.Revised));
    }

    private sealed class CollectingSink : ExportKeySink
    {
        public List<(MatchKey Key, ExportKeyMetadata Metadata)> Keys { get; } = [];

        public List<(int First, int Count)> Chunks { get; } = [];

        protected override void OnChunk(int firstIndex, ReadOnlySpan<MatchKey> keys, ReadOnlySpan<ExportKeyMetadata> metadata)
        {
            Assert.Equal(Keys.Count, firstIndex);
            Chunks.Add((firstIndex, keys.Length));
            for (var i = 0; i < keys.Length; i++)
            {
                Keys.Add((keys[i], metadata[i]));
            }
        }
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
