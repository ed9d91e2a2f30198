using System.Security.Cryptography;
using Gardefou.Device.Exposure;
using Gardefou.Device.Tests.Support;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Device.Tests.Exposure;

public sealed class DownloadedExportTests
{
    [Theory]
    [InlineData("gaen-export-samples/server-example-export.zip", "gaen-export-samples/server-example-public.pem")]
    [InlineData("gaen-export-samples/internals-sample-export.zip", "gaen-export-samples/internals-310-v1-public.pem")]
    public void Real_samples_read_the_same_as_the_protocol_reader(string zipPath, string pemPath)
    {
        var zip = File.ReadAllBytes(TestData.PathOf(zipPath));
        using var key = EcdsaPem.LoadPublicKey(File.ReadAllText(TestData.PathOf(pemPath)));
        var expected = ExportFileReader.Read(zip).Batch;

        var export = DownloadedExport.ReadVerified(new MemoryStream(zip), key);

        AssertSame(expected, export);
    }

    [Fact]
    public void Written_files_with_every_field_read_the_same_and_need_the_right_key()
    {
        var random = new Random(4);
        var start = EnIntervalNumber.FromTime(TestPhones.Start).DayStart;
        var keys = Enumerable.Range(0, 5000).Select(i => new DiagnosisKey(
            TemporaryExposureKey.Generate(),
            new KeyValidity(start + (-(i % 14) * 144), 1 + random.Next(144)),
            random.Next(9),
            i % 3 == 0 ? null : (ReportType)random.Next(6),
            i % 4 == 0 ? null : random.Next(-14, 15))).ToList();
        var signer = ExportSigningKey.Generate("310", "v1");
        var batch = new ExportBatch("US", 2, 3, TestPhones.Start, TestPhones.Start.AddHours(1), keys[..4000], keys[4000..]);
        var zip = ExportFileWriter.WriteToArray(batch, [signer]);

        var export = DownloadedExport.ReadVerified(new MemoryStream(zip), signer.PrivateKey);

        AssertSame(ExportFileReader.Read(zip).Batch, export);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Throws<ExportFormatException>(() => DownloadedExport.ReadVerified(new MemoryStream(zip), other));
    }

    [Fact]
    public void Mutated_files_are_either_refused_with_one_exception_type_or_unchanged()
    {
        var signer = ExportSigningKey.Generate("310", "v1");
        var keys = Enumerable.Range(0, 40).Select(_ => new DiagnosisKey(TemporaryExposureKey.Generate(), KeyValidity.FullDay(new EnIntervalNumber(2_900_000)))).ToList();
        var zip = ExportFileWriter.WriteToArray(new ExportBatch("US", 1, 1, TestPhones.Start, TestPhones.Start.AddHours(1), keys), [signer]);
        var random = new Random(8);
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
                var export = DownloadedExport.ReadVerified(new MemoryStream(mutated), signer.PrivateKey);
                // A mutation that still verifies can only have touched bytes the signature does not cover.
                AssertSame(ExportFileReader.Read(zip).Batch, export);
            }
            catch (ExportFormatException)
            {
                // Refused, as it should be.
            }
        }
    }

    private static void AssertSame(ExportBatch expected, DownloadedExport export)
    {
        var all = expected.Keys.Concat(expected.RevisedKeys).ToList();
        Assert.Equal(all.Count, export.Count);
        for (var i = 0; i < all.Count; i++)
        {
            Assert.Equal(all[i].Key, export.Keys[i].Key);
            Assert.Equal(all[i].Validity, export.Keys[i].Validity);
            Assert.Equal(all[i].ReportType, export.ReportTypeOf(i));
            Assert.Equal(all[i].DaysSinceOnsetOfSymptoms, export.DaysSinceOnsetOf(i));
        }
    }
}
