using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Gardefou.Device.Observations;
using Gardefou.Protocol.Export;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Matching;
using Gardefou.Protocol.Risk;
using Gardefou.Protocol.Time;

namespace Gardefou.Bench;

/// <summary>
/// One measurement in a fresh process pinned to one core: a cold run (with JIT), then a warm run with its wall-clock
/// and CPU time and the process's peak resident memory as the kernel counts it (VmHWM).
/// </summary>
public static class PhoneBenchChild
{
    /// <summary>
    /// Measures the phone of <paramref name="dir"/> (<c>gardefou</c>, or the <c>naive</c> baseline) and prints one JSON
    /// line for the parent; returns 0.
    /// </summary>
    public static async Task<int> RunAsync(string dir, string mode, CancellationToken ct)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }
        var phone = await Device.Phone.OpenAsync(Path.Combine(dir, "phone"), ct: ct);
        var export = Path.Combine(dir, "export.zip");
        Func<Task<IReadOnlyList<DateOnly>>> run = mode == "naive"
            ? () => NaiveAsync(phone, export, File.ReadAllText(Path.Combine(dir, "public.pem")), ct)
            : async () =>
            {
                await using var file = File.OpenRead(export);
                return await phone.MatchExportFileAsync(file, ct);
            };

        var watch = Stopwatch.StartNew();
        await run();
        var cold = watch.Elapsed.TotalMilliseconds;

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ResetPeakRss();
        var before = PhoneBenchMemory.Read();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var running = Timing.Start();
        var days = await run();
        var timing = running.Stop();
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
        var measure = new PhoneBenchMeasure(cold, timing.Wall.TotalMilliseconds, timing.Cpu.TotalMilliseconds, PeakRssMb(), before.RssMb, before.FileMb, allocatedMb, [.. days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        Console.WriteLine(measure.ToJson());
        return 0;
    }

    // Writing 5 to clear_refs resets the kernel's peak resident set (VmHWM) to the current one (Linux 4.0+).
    private static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Without it the peak includes the cold run: an overestimate, never an underestimate.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static double PeakRssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    }

    /// <summary>The straightforward phone: protocol reader and verifier, then per key HKDF + 144 AES blocks + a hash lookup.</summary>
    private static async Task<IReadOnlyList<DateOnly>> NaiveAsync(Device.Phone phone, string path, string pem, CancellationToken ct)
    {
        var contents = ExportFileReader.Read(await File.ReadAllBytesAsync(path, ct));
        using var publicKey = EcdsaPem.LoadPublicKey(pem);
        if (!ExportSignatureVerifier.Verify(contents, publicKey))
        {
            throw new InvalidOperationException("signature");
        }
        var observations = await phone.Observations.GetAllAsync(ct);
        var heard = new Dictionary<RollingProximityIdentifier, List<Observation>>();
        foreach (var o in observations)
        {
            if (!heard.TryGetValue(o.Rpi, out var list))
            {
                heard[o.Rpi] = list = [];
            }
            list.Add(o);
        }
        var rpis = new RollingProximityIdentifier[KeySchedule.IdentifiersPerKey];
        var windows = new List<ExposureWindow>();
        var scorer = new RiskScorer(RiskConfiguration.Default);
        foreach (var key in contents.Batch.Keys)
        {
            var rpik = KeySchedule.DeriveRpik(key.Key);
            KeySchedule.ComputeRpis(rpik, key.Validity.RollingStart, rpis);
            List<(DateOnly Day, ScanInstance Scan)>? scans = null;
            for (var j = 0; j < rpis.Length; j++)
            {
                if (!heard.TryGetValue(rpis[j], out var list))
                {
                    continue;
                }
                foreach (var o in list)
                {
                    if (MatchWindow.Accepts(key.Validity, key.Validity.RollingStart + j, EnIntervalNumber.FromTime(o.ScanTime)))
                    {
                        var tx = KeySchedule.DecryptMetadata(KeySchedule.DeriveAemk(key.Key), o.Rpi, o.Aem).TransmitPowerDbm;
                        var typical = Math.Clamp(tx - o.MeanRssiDbm, 0, 255);
                        (scans ??= []).Add((DateOnly.FromDateTime(o.ScanTime.UtcDateTime), new ScanInstance(typical, Math.Clamp(tx - o.MaxRssiDbm, 0, typical), o.SecondsSinceLastScan)));
                    }
                }
            }
            foreach (var group in (scans ?? []).GroupBy(s => s.Day))
            {
                windows.Add(new ExposureWindow(group.Key, scorer.Configuration.ReportTypeFor(key.ReportType),
                    scorer.Configuration.InfectiousnessFor(key.DaysSinceOnsetOfSymptoms), CalibrationConfidence.Lowest, [.. group.Select(g => g.Scan)]));
            }
        }
        return [.. scorer.SummarizeDays(windows).Where(scorer.ShouldNotify).Select(d => d.Day)];
    }
}
