using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Keys;
using Gardefou.Keys.Features.Export;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Spectre.Console;

namespace Gardefou.Bench;

/// <summary>The export measurement: the key service's real builder (pad, split, sign; the publisher then stores the bytes in the database) on random keys, beside naive baselines.</summary>
public static partial class ServerBench
{
    private static async Task ExportAsync(int count, string data, Table table, CancellationToken ct)
    {
        var today = EnIntervalNumber.FromTime(DateTimeOffset.UtcNow).DayStart.Value;
        var keys = new DiagnosisKey[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = new DiagnosisKey(TemporaryExposureKey.Generate(), new KeyValidity(new EnIntervalNumber(today - ((1 + (i % 14)) * 144)), 144), 2, ReportType.ConfirmedTest, i % 15 - 7);
        }
        var directory = Path.Combine(data, "bench-exports");
        Directory.CreateDirectory(directory);
        var options = new KeysOptions { MinimumBatchSize = 0, PaddingJitter = 0 };
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signing = new ExportSigningKey(new SignatureInfo("000", "v1"), ecdsa);
        var window = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600 * 3600);

        // One warm-up run so the figure is the steady state, not JIT compilation.
        ExportBuilder.Build(ExportSeries.Period, window.AddHours(-1), window, keys[..Math.Min(count, 10_000)], [], signing, options, ct);
        var started = Stopwatch.GetTimestamp();
        var result = ExportBuilder.Build(ExportSeries.Period, window.AddHours(-1), window, keys, [], signing, options, ct);
        var real = Stopwatch.GetElapsedTime(started);

        // Baselines in the same run: the I/O and signature floor (raw key bytes, one ECDSA signature), and a naive
        // JSON document of the same keys, signed.
        started = Stopwatch.GetTimestamp();
        var raw = new byte[count * 16];
        for (var i = 0; i < count; i++)
        {
            keys[i].Key.CopyTo(raw.AsSpan(i * 16, 16));
        }
        await File.WriteAllBytesAsync(Path.Combine(directory, "raw.bin"), raw, ct);
        ecdsa.SignData(raw, HashAlgorithmName.SHA256);
        var floor = Stopwatch.GetElapsedTime(started);

        started = Stopwatch.GetTimestamp();
        var json = JsonSerializer.SerializeToUtf8Bytes(keys.Select(k => new { key = k.Key.ToBase64(), start = k.Validity.RollingStart.Value, period = k.Validity.RollingPeriod, risk = k.TransmissionRiskLevel }));
        await File.WriteAllBytesAsync(Path.Combine(directory, "naive.json"), json, ct);
        ecdsa.SignData(json, HashAlgorithmName.SHA256);
        var naive = Stopwatch.GetElapsedTime(started);

        var bytes = result.Files.Sum(f => (long)f.Content.Length);
        table.AddRow(
            $"export build + sign, {count:N0} keys",
            $"{real.TotalMilliseconds:N0} ms ({result.Files.Count} files, {bytes / 1e6:F1} MB, sorted, signed, in memory)",
            $"{floor.TotalMilliseconds:N0} ms raw bytes + 1 signature; {naive.TotalMilliseconds:N0} ms naive JSON + signature",
            "≤ 1,000 ms");
    }
}
