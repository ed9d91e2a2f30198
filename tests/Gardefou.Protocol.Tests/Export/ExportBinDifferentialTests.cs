using System.IO.Compression;
using Gardefou.Protocol.Export;
using Google.Protobuf;
using Wire = Gardefou.Protocol.Export.Wire;

namespace Gardefou.Protocol.Tests.Export;

/// <summary>
/// The hand-written parser against the one protoc generates from <c>export.proto</c> (Google.Protobuf), on thousands
/// of mutated <c>export.bin</c> and <c>export.sig</c> entries: what protobuf refuses the reader refuses, and what
/// both accept decodes to the same values. The reader may refuse more, but only for a value out of the format's
/// ranges, with a message that names the field.
/// </summary>
public sealed class ExportBinDifferentialTests
{
    private const int Iterations = 3000;

    [Fact]
    public void Mutated_export_bins_decode_as_the_generated_protobuf_parser_decodes_them()
    {
        var random = new Random(1_234);
        var valid = ExportFileWriter.WriteToArray(ExportFileWriterTests.Batch(20, revised: 3), [ExportSigningKey.Generate("k", "v1")]);
        var bin = ExportKeyStreamTests.Entry(valid, "export.bin");
        var sig = ExportKeyStreamTests.Entry(valid, "export.sig");
        int both = 0, neither = 0, rangeOnly = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var mutated = MutateAfterHeader(bin, random);
            var why = "";
            Wire.TemporaryExposureKeyExport? expected;
            try
            {
                expected = Wire.TemporaryExposureKeyExport.Parser.ParseFrom(mutated.AsSpan(ExportFormat.HeaderLength));
            }
            catch (InvalidProtocolBufferException pe)
            {
                expected = null;
                why = pe.Message;
            }
            ExportFileContents? actual;
            try
            {
                actual = ExportFileReader.Read(ExportFileReaderTests.Zip(("export.bin", mutated, CompressionLevel.NoCompression), ("export.sig", sig, CompressionLevel.NoCompression)));
            }
            catch (ExportFormatException e)
            {
                actual = null;
                if (expected is not null)
                {
                    // protobuf read it: the reader may only have refused a value out of range.
                    Assert.False(e.Message.Contains("not a valid", StringComparison.Ordinal), e.Message + " " + Convert.ToHexString(mutated));
                    rangeOnly++;
                }
            }
            if (expected is null)
            {
                Assert.True(actual is null, why + " " + Convert.ToHexString(mutated));
                neither++;
            }
            else if (actual is not null)
            {
                AssertSame(expected, actual.Batch);
                both++;
            }
        }
        Assert.True(both > Iterations / 10 && neither > Iterations / 10, $"both {both}, neither {neither}, range only {rangeOnly}");
    }

    [Fact]
    public void Mutated_signature_lists_decode_as_the_generated_protobuf_parser_decodes_them()
    {
        var random = new Random(99);
        var valid = ExportFileWriter.WriteToArray(ExportFileWriterTests.Batch(3), [ExportSigningKey.Generate("k", "v1"), ExportSigningKey.Generate("k2", "v2")]);
        var bin = ExportKeyStreamTests.Entry(valid, "export.bin");
        var sig = ExportKeyStreamTests.Entry(valid, "export.sig");
        for (var i = 0; i < Iterations; i++)
        {
            var mutated = MutateAfterHeader([.. new byte[ExportFormat.HeaderLength], .. sig], random)[ExportFormat.HeaderLength..];
            var why = "";
            Wire.TEKSignatureList? expected;
            try
            {
                expected = Wire.TEKSignatureList.Parser.ParseFrom(mutated);
            }
            catch (InvalidProtocolBufferException pe)
            {
                expected = null;
                why = pe.Message;
            }
            try
            {
                var actual = ExportFileReader.Read(ExportFileReaderTests.Zip(("export.bin", bin, CompressionLevel.NoCompression), ("export.sig", mutated, CompressionLevel.NoCompression)));
                Assert.True(expected is not null, why + " " + Convert.ToHexString(mutated));
                Assert.Equal(expected.Signatures.Count, actual.Signatures.Count);
                for (var s = 0; s < actual.Signatures.Count; s++)
                {
                    var (e, a) = (expected.Signatures[s], actual.Signatures[s]);
                    Assert.Equal((e.BatchNum, e.BatchSize, e.Signature.ToBase64()), (a.BatchNum, a.BatchSize, Convert.ToBase64String(a.Signature.Span)));
                    Assert.Equal((e.SignatureInfo.VerificationKeyId, e.SignatureInfo.VerificationKeyVersion, e.SignatureInfo.SignatureAlgorithm), (a.Info.VerificationKeyId, a.Info.VerificationKeyVersion, a.Info.SignatureAlgorithm));
                }
            }
            catch (ExportFormatException e)
            {
                // Refused by both, or a list protobuf reads that has no signature or one without its info.
                Assert.True(expected is null || expected.Signatures.Count == 0 || expected.Signatures.Any(s => s.SignatureInfo is null), e.Message);
            }
        }
    }

    private static void AssertSame(Wire.TemporaryExposureKeyExport expected, ExportBatch actual)
    {
        Assert.Equal(
            (expected.Region, expected.BatchNum, expected.BatchSize, (long)expected.StartTimestamp, (long)expected.EndTimestamp),
            (actual.Region, actual.BatchNum, actual.BatchSize, actual.StartTimestamp.ToUnixTimeSeconds(), actual.EndTimestamp.ToUnixTimeSeconds()));
        Assert.Equal(
            expected.SignatureInfos.Select(i => (i.VerificationKeyId, i.VerificationKeyVersion, i.SignatureAlgorithm)),
            actual.SignatureInfos.Select(i => (i.VerificationKeyId, i.VerificationKeyVersion, i.SignatureAlgorithm)));
        AssertSame(expected.Keys, actual.Keys);
        AssertSame(expected.RevisedKeys, actual.RevisedKeys);
    }

    private static void AssertSame(IList<Wire.TemporaryExposureKey> expected, IReadOnlyList<DiagnosisKey> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.KeyData.ToBase64(), a.Key.ToBase64());
            Assert.Equal(e.RollingStartIntervalNumber, a.Validity.RollingStart.Value);
            Assert.Equal(e.RollingPeriod, a.Validity.RollingPeriod);
            Assert.Equal(e.TransmissionRiskLevel, a.TransmissionRiskLevel);
            Assert.Equal(e.HasReportType ? (int?)e.ReportType : null, (int?)a.ReportType);
            Assert.Equal(e.HasDaysSinceOnsetOfSymptoms ? e.DaysSinceOnsetOfSymptoms : null, a.DaysSinceOnsetOfSymptoms);
        }
    }

    // Byte edits, insertions, deletions and truncations anywhere after the 16-byte header.
    private static byte[] MutateAfterHeader(byte[] input, Random random)
    {
        var data = new List<byte>(input);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && data.Count > ExportFormat.HeaderLength; e++)
        {
            var at = random.Next(ExportFormat.HeaderLength, data.Count);
            switch (random.Next(6))
            {
                case 0: data[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: data[at] = (byte)random.Next(256); break;
                case 2: data.RemoveRange(at, data.Count - at); break;
                case 3:
                    var insert = new byte[random.Next(1, 9)];
                    random.NextBytes(insert);
                    data.InsertRange(at, insert);
                    break;
                case 4: data.RemoveRange(at, Math.Min(random.Next(1, 9), data.Count - at)); break;
                default: data[at] = (byte)(random.Next(1, 16) << 3 | random.Next(8)); break; // a plausible tag
            }
        }
        return [.. data];
    }
}
