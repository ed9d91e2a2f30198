using Gardefou.Device;
using Gardefou.Device.Observations;
using Gardefou.Device.Radio;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Bench;

/// <summary>The bench's phone and export file: realistic observations, random keys, two planted encounters.</summary>
internal static class PhoneBenchData
{
    public sealed record Setup(int Identifiers, int ScanInstances, long ExportBytes, DateOnly ExpectedDay);

    public static async Task<Setup> CreateAsync(string dir, int keyCount, int identifierCount, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var random = new Random(20261128);
        var now = DateTimeOffset.UtcNow;
        var today = EnIntervalNumber.FromTime(now).DayStart;
        using var signer = new SigningKeyHolder();
        await File.WriteAllTextAsync(Path.Combine(dir, "public.pem"), signer.Key.PrivateKey.ExportSubjectPublicKeyInfoPem(), ct);
        var phone = await Device.Phone.InitializeAsync(Path.Combine(dir, "phone"),
            new PhoneSetup(new Uri("http://127.0.0.1:9/"), ExportPublicKeyPem: signer.Key.PrivateKey.ExportSubjectPublicKeyInfoPem()),
            new PhoneOptions { Random = random }, ct);

        // 14 days of strangers: each identifier heard in 1 to 6 consecutive 5-minute scans at a random time of its day.
        var scans = new SortedDictionary<long, List<RadioReception>>();
        var perDay = identifierCount / 14;
        Span<byte> bytes = stackalloc byte[16];
        for (var day = 1; day <= 14; day++)
        {
            var dayStart = (today + (-day * EnIntervalNumber.IntervalsPerDay)).StartTime;
            for (var i = 0; i < perDay; i++)
            {
                random.NextBytes(bytes);
                var rpi = RollingProximityIdentifier.FromBytes(bytes);
                var aem = new AssociatedEncryptedMetadata((uint)random.Next());
                var first = random.Next(288 - 6);
                var count = 1 + Math.Min(5, (int)(-Math.Log(1 - random.NextDouble()) * 1.5));
                var rssi = -45 - random.Next(50);
                for (var s = 0; s < count; s++)
                {
                    Add(scans, dayStart.AddMinutes(5 * (first + s)), new RadioReception(default, rpi, aem, rssi + random.Next(-3, 4)));
                }
            }
        }

        // Two planted encounters with keys that will be in the file: 20 minutes near (notifies), one distant scan (does not).
        var close = TemporaryExposureKey.Generate();
        var closeDay = today + (-3 * EnIntervalNumber.IntervalsPerDay);
        Plant(scans, close, closeDay + 72, 4, -50);
        var far = TemporaryExposureKey.Generate();
        var farDay = today + (-5 * EnIntervalNumber.IntervalsPerDay);
        Plant(scans, far, farDay + 90, 1, -80);

        var instances = await phone.Observations.RecordScansAsync(scans.Select(s => new RecordedScan(DateTimeOffset.FromUnixTimeSeconds(s.Key), 300, s.Value)), ct);

        // One day's export: random keys of the last 14 days, the planted ones among them.
        var keys = new List<DiagnosisKey>(keyCount);
        for (var i = 0; i < keyCount - 2; i++)
        {
            keys.Add(new DiagnosisKey(TemporaryExposureKey.Generate(), KeyValidity.FullDay(today + (-(1 + random.Next(14)) * EnIntervalNumber.IntervalsPerDay)), 2, ReportType.ConfirmedTest, random.Next(-5, 10)));
        }
        keys.Insert(random.Next(keys.Count), new DiagnosisKey(close, KeyValidity.FullDay(closeDay), 2, ReportType.ConfirmedTest, 1));
        keys.Insert(random.Next(keys.Count), new DiagnosisKey(far, KeyValidity.FullDay(farDay), 2, ReportType.ConfirmedTest, 1));
        var window = now.AddHours(-24);
        var exportPath = Path.Combine(dir, "export.zip");
        await using (var file = File.Create(exportPath))
        {
            ExportFileWriter.Write(file, new ExportBatch("US", 1, 1, window, now, keys), [signer.Key]);
        }
        return new Setup(perDay * 14 + 2, instances, new FileInfo(exportPath).Length, closeDay.Day);
    }

    private static void Plant(SortedDictionary<long, List<RadioReception>> scans, TemporaryExposureKey key, EnIntervalNumber interval, int count, int rssi)
    {
        var rpi = KeySchedule.ComputeRpi(KeySchedule.DeriveRpik(key), interval);
        var aem = KeySchedule.EncryptMetadata(KeySchedule.DeriveAemk(key), rpi, BluetoothMetadata.Version10(-8));
        for (var s = 0; s < count; s++)
        {
            Add(scans, interval.StartTime.AddMinutes(5 * s), new RadioReception(default, rpi, aem, rssi));
        }
    }

    private static void Add(SortedDictionary<long, List<RadioReception>> scans, DateTimeOffset time, RadioReception reception)
    {
        var key = time.ToUnixTimeSeconds();
        if (!scans.TryGetValue(key, out var list))
        {
            list = [];
            scans[key] = list;
        }
        list.Add(reception);
    }

    private sealed class SigningKeyHolder : IDisposable
    {
        public ExportSigningKey Key { get; } = ExportSigningKey.Generate("bench", "v1");

        public void Dispose() => Key.PrivateKey.Dispose();
    }
}
