using System.IO.Compression;
using System.Security.Cryptography;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Protocol.Tests.Export;

public sealed class ExportFileWriterTests
{
    internal static DiagnosisKey[] RandomKeys(int count, int seed)
    {
        var random = new Random(seed);
        var keys = new DiagnosisKey[count];
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            var period = random.Next(4) == 0 ? random.Next(1, 145) : 144;
            var reportType = random.Next(3) == 0 ? (ReportType?)null : (ReportType)random.Next(0, 6);
            var days = random.Next(3) == 0 ? (int?)null : random.Next(-14, 15);
            keys[i] = new DiagnosisKey(
                TemporaryExposureKey.FromBytes(bytes),
                new KeyValidity(new EnIntervalNumber(2_650_000 + (144 * random.Next(14))), period),
                random.Next(0, 9),
                reportType,
                days);
        }
        return keys;
    }

    internal static ExportBatch Batch(int keys, int revised = 0, int seed = 1) => new(
        "FR", 1, 1,
        DateTimeOffset.FromUnixTimeSeconds(1_600_000_000),
        DateTimeOffset.FromUnixTimeSeconds(1_600_003_600),
        RandomKeys(keys, seed),
        RandomKeys(revised, seed + 1000));

    [Fact]
    public void Written_file_reads_back_with_every_field_and_keys_sorted_by_bytes()
    {
        using var signer = NewP256();
        var signingKey = new ExportSigningKey(new SignatureInfo("208", "v1"), signer);
        var batch = Batch(500, revised: 20);

        var contents = ExportFileReader.Read(ExportFileWriter.WriteToArray(batch, [signingKey]));

        Assert.Equal("FR", contents.Batch.Region);
        Assert.Equal((1, 1), (contents.Batch.BatchNum, contents.Batch.BatchSize));
        Assert.Equal(batch.StartTimestamp, contents.Batch.StartTimestamp);
        Assert.Equal(batch.EndTimestamp, contents.Batch.EndTimestamp);
        Assert.Equal([new SignatureInfo("208", "v1")], contents.Batch.SignatureInfos);
        Assert.Equal(SortedByBytes(batch.Keys), contents.Batch.Keys);
        Assert.Equal(SortedByBytes(batch.RevisedKeys), contents.Batch.RevisedKeys);
        Assert.True(ExportSignatureVerifier.Verify(contents, signer));
    }

    [Fact]
    public void Large_and_crafted_key_sets_come_out_in_byte_order()
    {
        // 40,000 random keys take the radix path; 5,000 keys sharing their first 8 bytes crowd one bucket.
        var random = RandomKeys(40_000, 11);
        var crafted = RandomKeys(5_000, 12).Select(k =>
        {
            var bytes = k.Key.ToArray();
            bytes.AsSpan(0, 8).Fill(0xAB);
            return new DiagnosisKey(TemporaryExposureKey.FromBytes(bytes), k.Validity, k.TransmissionRiskLevel, k.ReportType, k.DaysSinceOnsetOfSymptoms);
        }).ToArray();
        DiagnosisKey[] keys = [.. random, .. crafted, .. random.Take(10)]; // duplicates too
        using var ecdsa = NewP256();
        var batch = new ExportBatch("FR", 1, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, keys);

        var read = ExportFileReader.Read(ExportFileWriter.WriteToArray(batch, [new ExportSigningKey(new SignatureInfo("k", "v1"), ecdsa)]));

        Assert.Equal(SortedByBytes(keys), read.Batch.Keys);
    }

    [Fact]
    public void Zip_holds_two_stored_entries_and_omits_the_default_rolling_period()
    {
        var key = new DiagnosisKey(TemporaryExposureKey.FromHex("75c734c6dd1a782de7a965da5eb93125"), KeyValidity.FullDay(new EnIntervalNumber(2_642_976)), 3);
        var batch = new ExportBatch("US", 1, 1, DateTimeOffset.FromUnixTimeSeconds(0), DateTimeOffset.FromUnixTimeSeconds(1), [key]);
        using var ecdsa = NewP256();

        var zipBytes = ExportFileWriter.WriteToArray(batch, [new ExportSigningKey(new SignatureInfo("310", "v1"), ecdsa)]);

        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        Assert.Equal(["export.bin", "export.sig"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength));
        var bin = ExportFileReader.Read(zipBytes).ExportBin.ToArray();
        // The key record is tag, length, key_data (18), risk (2), start (5): no field 4.
        var record = bin.AsSpan(bin.Length - 27);
        Assert.Equal([0x3A, 25, 0x0A, 16], record[..4].ToArray());
        Assert.Equal([0x10, 3, 0x18], record[20..23].ToArray());
    }

    [Fact]
    public void Several_signing_keys_each_verify_the_file()
    {
        using var first = NewP256();
        using var second = NewP256();
        var keys = new[] { new ExportSigningKey(new SignatureInfo("a", "v2"), first), new ExportSigningKey(new SignatureInfo("a", "v1"), second) };

        var contents = ExportFileReader.Read(ExportFileWriter.WriteToArray(Batch(10), keys));

        Assert.Equal(2, contents.Signatures.Count);
        Assert.True(ExportSignatureVerifier.Verify(contents, first, "a", "v2"));
        Assert.True(ExportSignatureVerifier.Verify(contents, second, "a", "v1"));
        Assert.False(ExportSignatureVerifier.Verify(contents, second, "a", "v2"));
    }

    [Fact]
    public void Every_flipped_byte_of_a_written_export_bin_fails_verification()
    {
        using var ecdsa = NewP256();
        var contents = ExportFileReader.Read(ExportFileWriter.WriteToArray(Batch(8, revised: 2), [new ExportSigningKey(new SignatureInfo("k", "v1"), ecdsa)]));
        var bin = contents.ExportBin.ToArray();
        Assert.True(ExportSignatureVerifier.Verify(contents, ecdsa));

        for (var i = 0; i < bin.Length; i++)
        {
            var tampered = (byte[])bin.Clone();
            tampered[i] ^= (byte)(1 << (i % 8));
            Assert.False(ExportSignatureVerifier.Verify(contents with { ExportBin = tampered }, ecdsa), $"flip at byte {i} still verified");
        }
    }

    [Fact]
    public void A_signature_that_names_another_batch_does_not_verify()
    {
        using var ecdsa = NewP256();
        var contents = ExportFileReader.Read(ExportFileWriter.WriteToArray(Batch(3), [new ExportSigningKey(new SignatureInfo("k", "v1"), ecdsa)]));
        var moved = contents.Signatures.Select(s => s with { BatchNum = 2, BatchSize = 2 }).ToList();

        Assert.False(ExportSignatureVerifier.Verify(contents with { Signatures = moved }, ecdsa));
    }

    [Fact]
    public void Split_numbers_files_and_keeps_every_key_once()
    {
        var keys = RandomKeys(25, 7);
        var revised = RandomKeys(6, 8);

        var batches = ExportBatch.Split("FR", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), keys, revised, maxKeysPerFile: 10);

        Assert.Equal([1, 2, 3, 4], batches.Select(b => b.BatchNum));
        Assert.All(batches, b => Assert.Equal(4, b.BatchSize));
        Assert.All(batches, b => Assert.True(b.Keys.Count + b.RevisedKeys.Count <= 10));
        Assert.Equal(keys, batches.SelectMany(b => b.Keys));
        Assert.Equal(revised, batches.SelectMany(b => b.RevisedKeys));
        Assert.Single(ExportBatch.Split("FR", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [], [], 10));
    }

    [Fact]
    public void Out_of_range_keys_cannot_be_built()
    {
        var tek = TemporaryExposureKey.Generate();
        var day = KeyValidity.FullDay(new EnIntervalNumber(2_650_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiagnosisKey(tek, day, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiagnosisKey(tek, day, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiagnosisKey(tek, day, 0, (ReportType)6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiagnosisKey(tek, day, 0, null, 15));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiagnosisKey(tek, default));
    }

    internal static ECDsa NewP256() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static DiagnosisKey[] SortedByBytes(IEnumerable<DiagnosisKey> keys) =>
        [.. keys.OrderBy(k => k.Key.ToHex(), StringComparer.Ordinal)];
}
