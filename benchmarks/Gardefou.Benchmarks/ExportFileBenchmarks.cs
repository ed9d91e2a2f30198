using System.IO.Compression;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Google.Protobuf;
using Wire = Gardefou.Protocol.Export.Wire;

namespace Gardefou.Benchmarks;

/// <summary>
/// Building and signing one export file of a million keys, as the key service does each batch window.
/// Baseline: the obvious approach (Google.Protobuf message objects, LINQ sort, deflate at the optimal level).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ExportFileBenchmarks
{
    private ExportBatch _batch = null!;
    private ECDsa _ecdsa = null!;
    private ExportSigningKey _signingKey = null!;
    private MemoryStream _output = null!;
    private byte[] _file = null!;

    [Params(1_000_000)]
    public int Keys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var keys = new DiagnosisKey[Keys];
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < keys.Length; i++)
        {
            random.NextBytes(bytes);
            keys[i] = new DiagnosisKey(
                TemporaryExposureKey.FromBytes(bytes),
                KeyValidity.FullDay(new EnIntervalNumber(2_650_000 + (144 * random.Next(14)))),
                random.Next(0, 9),
                ReportType.ConfirmedTest,
                random.Next(-14, 15));
        }
        _batch = new ExportBatch("FR", 1, 1, DateTimeOffset.FromUnixTimeSeconds(1_600_000_000), DateTimeOffset.FromUnixTimeSeconds(1_600_003_600), keys);
        _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _signingKey = new ExportSigningKey(new SignatureInfo("208", "v1"), _ecdsa);
        _output = new MemoryStream(64 * 1024 * 1024);
        _file = ExportFileWriter.WriteToArray(_batch, [_signingKey]);
    }

    [GlobalCleanup]
    public void Cleanup() => _ecdsa.Dispose();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("write+sign")]
    public long NaiveMessagesAndDeflate()
    {
        var export = new Wire.TemporaryExposureKeyExport
        {
            StartTimestamp = (ulong)_batch.StartTimestamp.ToUnixTimeSeconds(),
            EndTimestamp = (ulong)_batch.EndTimestamp.ToUnixTimeSeconds(),
            Region = _batch.Region,
            BatchNum = _batch.BatchNum,
            BatchSize = _batch.BatchSize,
        };
        var info = new Wire.SignatureInfo { VerificationKeyId = "208", VerificationKeyVersion = "v1", SignatureAlgorithm = SignatureInfo.EcdsaP256Sha256Oid };
        export.SignatureInfos.Add(info);
        foreach (var key in _batch.Keys.OrderBy(k => k.Key.ToHex(), StringComparer.Ordinal))
        {
            var wire = new Wire.TemporaryExposureKey
            {
                KeyData = ByteString.CopyFrom(key.Key.ToArray()),
                TransmissionRiskLevel = key.TransmissionRiskLevel,
                RollingStartIntervalNumber = key.Validity.RollingStart.Value,
                RollingPeriod = key.Validity.RollingPeriod,
            };
            if (key.ReportType is { } type)
            {
                wire.ReportType = (Wire.TemporaryExposureKey.Types.ReportType)type;
            }
            if (key.DaysSinceOnsetOfSymptoms is { } days)
            {
                wire.DaysSinceOnsetOfSymptoms = days;
            }
            export.Keys.Add(wire);
        }
        var bin = ExportFormat.Header.ToArray().Concat(export.ToByteArray()).ToArray();
        var list = new Wire.TEKSignatureList();
        list.Signatures.Add(new Wire.TEKSignature
        {
            SignatureInfo = info,
            BatchNum = 1,
            BatchSize = 1,
            Signature = ByteString.CopyFrom(_ecdsa.SignData(bin, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)),
        });
        _output.SetLength(0);
        using (var zip = new ZipArchive(_output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var s = zip.CreateEntry("export.bin", CompressionLevel.Optimal).Open())
            {
                s.Write(bin);
            }
            using (var s = zip.CreateEntry("export.sig", CompressionLevel.Optimal).Open())
            {
                s.Write(list.ToByteArray());
            }
        }
        return _output.Length;
    }

    [Benchmark]
    [BenchmarkCategory("write+sign")]
    public long ExportFileWriterWrite()
    {
        _output.SetLength(0);
        ExportFileWriter.Write(_output, _batch, [_signingKey]);
        return _output.Length;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read+verify")]
    public bool ExportFileReaderReadAndVerify() =>
        ExportSignatureVerifier.Verify(ExportFileReader.Read(_file), _ecdsa);
}
