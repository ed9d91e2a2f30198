using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gardefou.Simulation.EndToEnd;
using Spectre.Console;

namespace Gardefou.Bench;

/// <summary>
/// <c>gardefou bench phone</c>: a phone holding 14 days of observations checks one export file of 500,000 diagnosis
/// keys, from the downloaded file to the notification. Each measurement runs in a fresh child process pinned to one
/// core, so its peak resident memory is the phone's real footprint; a naive phone is measured in the same run.
/// </summary>
public static class PhoneBench
{
    /// <summary>
    /// The hidden options of <c>gardefou bench phone</c> that make the process one child measurement
    /// (<see cref="PhoneBenchChild.RunAsync"/>): the bench's directory, and <c>gardefou</c> or <c>naive</c>.
    /// </summary>
    public const string ChildOption = "--child";

    /// <inheritdoc cref="ChildOption"/>
    public const string ModeOption = "--mode";

    /// <summary>
    /// Builds the phone and the export file, measures each phone in a child process started through
    /// <paramref name="launcher"/> (<c>gardefou bench phone --child …</c>), and prints the table and the figure line.
    /// Returns 0, 1 when a measurement fails or the notification is wrong, or 2 with an <c>error:</c> line on stderr
    /// when a size is out of range.
    /// </summary>
    public static async Task<int> RunAsync(int keyCount, int identifierCount, GardefouLauncher launcher, CancellationToken ct)
    {
        if (keyCount is < 1000 or > 2_000_000 || identifierCount is < 100 or > 200_000)
        {
            Console.Error.WriteLine("error: --keys must be 1,000..2,000,000 and --identifiers 100..200,000.");
            return 2;
        }
        var dir = Path.Combine(Path.GetTempPath(), "gardefou-bench-phone-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var setup = await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Status()
                .StartAsync("Building a phone with 14 days of observations and a signed export file…", _ => PhoneBenchData.CreateAsync(dir, keyCount, identifierCount, ct));
            Console.WriteLine($"phone: {setup.Identifiers} distinct identifiers in {setup.ScanInstances} scan instances over 14 days; export file: {keyCount} keys, {setup.ExportBytes / 1e6:0.0} MB; expected notification: {setup.ExpectedDay:yyyy-MM-dd}");

            var gardefou = RunChild(launcher, dir, "gardefou");
            var naive = RunChild(launcher, dir, "naive");
            if (gardefou is null || naive is null)
            {
                return 1;
            }
            var table = new Table().AddColumns("path", "time, warm (CPU)", "time (first, with JIT)", "peak RSS", "RSS before the check (of it mapped files)", "managed allocated", "days");
            foreach (var (name, m) in new[] { ("gardefou phone", gardefou), ("baseline (protocol reader + naive match)", naive) })
            {
                table.AddRow(Markup.Escape(name), $"{m.WarmMs:0} ms ({m.WarmCpuMs:0} ms)", $"{m.ColdMs:0} ms", $"{m.PeakRssMb:0.0} MB", $"{m.RssBeforeMb:0.0} MB ({m.FilesBeforeMb:0.0} MB)", $"{m.AllocatedMb:0.0} MB", Markup.Escape(string.Join(", ", m.Days)));
            }
            AnsiConsole.Write(table);
            Console.WriteLine("phone runtime: " + string.Join(' ', PhoneRuntime("gardefou").Select(e => $"{e.Name}={e.Value}")) + " (the baseline without the heap limit)");
            var ok = gardefou.Days.SequenceEqual([setup.ExpectedDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]) && naive.Days.SequenceEqual(gardefou.Days);
            Console.WriteLine(ok ? "notification: correct (the planted day only)" : "notification: WRONG");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"phone: {keyCount} keys vs {setup.Identifiers} identifiers in {gardefou.WarmMs / 1000:0.000} s, peak {gardefou.PeakRssMb:0} MB; baseline: {naive.WarmMs / 1000:0.000} s, peak {naive.PeakRssMb:0} MB; targets 0.5 s, 64 MB"));
            return ok ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>
    /// The runtime configuration of a phone's process (docs/device.md), given to both children: workstation,
    /// non-concurrent GC on the one core; a gen0 budget of 1 MiB, where the runtime would size it from this server's
    /// 300 MB L3 cache; no instrumented tier for dynamic PGO (a phone app ships precompiled, and the instrumentation
    /// costs memory). Gardefou's phone also runs under a 64 MiB GC heap limit, as a phone OS caps an app; the naive
    /// phone does not fit in one, so it runs without.
    /// </summary>
    internal static IEnumerable<(string Name, string Value)> PhoneRuntime(string mode)
    {
        yield return ("DOTNET_gcServer", "0");
        yield return ("DOTNET_gcConcurrent", "0");
        yield return ("DOTNET_GCHeapAffinitizeMask", "1");
        yield return ("DOTNET_GCgen0size", "100000"); // hexadecimal, as every DOTNET_GC setting
        yield return ("DOTNET_TieredPGO", "0");
        if (mode != "naive")
        {
            yield return ("DOTNET_GCHeapHardLimit", "4000000");
        }
    }

    private static PhoneBenchMeasure? RunChild(GardefouLauncher launcher, string dir, string mode)
    {
        var start = ChildProcess.StartInfo(launcher, ["bench", "phone", ChildOption, dir, ModeOption, mode]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = false;
        foreach (var (name, value) in PhoneRuntime(mode))
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"error: the {mode} measurement failed (exit {process.ExitCode}).");
            return null;
        }
        return JsonSerializer.Deserialize<PhoneBenchMeasure>(line);
    }
}
