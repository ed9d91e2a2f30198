using System.Security.Cryptography;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Tests.Vectors;

namespace Gardefou.Protocol.Tests.Export;

public sealed class ExportSamplesTests
{
    [Theory]
    [MemberData(nameof(ExportSample.Indexes), MemberType = typeof(ExportSample))]
    public void Real_sample_decodes_to_exactly_the_listed_contents(int index)
    {
        var sample = ExportSample.Load()[index];
        var contents = ExportFileReader.Read(File.ReadAllBytes(TestData.PathOf(sample.File)));

        Assert.Equal(sample.ExportBinLength, contents.ExportBin.Length);
        Assert.Equal(sample.ExportBinSha256, Convert.ToHexStringLower(SHA256.HashData(contents.ExportBin.Span)));
        var batch = contents.Batch;
        Assert.Equal(sample.Region, batch.Region);
        Assert.Equal(sample.BatchNum, batch.BatchNum);
        Assert.Equal(sample.BatchSize, batch.BatchSize);
        Assert.Equal(sample.StartTimestamp, batch.StartTimestamp.ToUnixTimeSeconds());
        Assert.Equal(sample.EndTimestamp, batch.EndTimestamp.ToUnixTimeSeconds());
        Assert.Empty(batch.RevisedKeys);
        Assert.Equal(
            sample.SignatureInfos,
            batch.SignatureInfos.Select(i => (i.VerificationKeyId, i.VerificationKeyVersion, i.SignatureAlgorithm)));
        Assert.Equal(sample.SignatureDerHex, contents.Signatures.Select(s => Convert.ToHexStringLower(s.Signature.Span)));

        Assert.Equal(sample.Keys.Count, batch.Keys.Count);
        for (var i = 0; i < sample.Keys.Count; i++)
        {
            var expected = sample.Keys[i];
            var actual = batch.Keys[i];
            Assert.Equal(expected.KeyBase64, actual.Key.ToBase64());
            Assert.Equal(expected.RollingStart, actual.Validity.RollingStart.Value);
            Assert.Equal(expected.RollingPeriod ?? 144, actual.Validity.RollingPeriod);
            Assert.Equal(expected.TransmissionRisk ?? 0, actual.TransmissionRiskLevel);
            Assert.Equal(expected.ReportType, (int?)actual.ReportType);
            Assert.Equal(expected.DaysSinceOnset, actual.DaysSinceOnsetOfSymptoms);
        }
    }

    [Theory]
    [MemberData(nameof(ExportSample.Indexes), MemberType = typeof(ExportSample))]
    public void Real_sample_verifies_with_its_published_key(int index)
    {
        var sample = ExportSample.Load()[index];
        var contents = ExportFileReader.Read(File.ReadAllBytes(TestData.PathOf(sample.File)));
        using var key = EcdsaPem.LoadPublicKey(File.ReadAllText(TestData.PathOf(sample.PublicKeyFile)));

        Assert.True(ExportSignatureVerifier.Verify(contents, key));
        var (id, version, _) = sample.SignatureInfos[0];
        Assert.True(ExportSignatureVerifier.Verify(contents, key, id, version));
        Assert.False(ExportSignatureVerifier.Verify(contents, key, id + "x", version));
    }

    [Fact]
    public void A_sample_does_not_verify_with_the_other_samples_key()
    {
        var samples = ExportSample.Load();
        var contents = ExportFileReader.Read(File.ReadAllBytes(TestData.PathOf(samples[0].File)));
        using var otherKey = EcdsaPem.LoadPublicKey(File.ReadAllText(TestData.PathOf(samples[1].PublicKeyFile)));

        Assert.False(ExportSignatureVerifier.Verify(contents, otherKey));
    }

    [Fact]
    public void Every_flipped_byte_of_a_real_export_bin_fails_verification()
    {
        var sample = ExportSample.Load()[0];
        var contents = ExportFileReader.Read(File.ReadAllBytes(TestData.PathOf(sample.File)));
        using var key = EcdsaPem.LoadPublicKey(File.ReadAllText(TestData.PathOf(sample.PublicKeyFile)));
        var bin = contents.ExportBin.ToArray();

        for (var i = 0; i < bin.Length; i++)
        {
            var tampered = (byte[])bin.Clone();
            tampered[i] ^= 0x01;
            Assert.False(ExportSignatureVerifier.Verify(contents with { ExportBin = tampered }, key), $"flip at byte {i} still verified");
        }
    }
}
