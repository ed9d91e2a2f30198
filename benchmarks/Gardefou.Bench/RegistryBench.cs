using System.Diagnostics;
using Gardefou.Registry;
using Gardefou.Registry.Demo;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Model;
using Gardefou.Registry.Publication;
using Gardefou.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Gardefou.Bench;

/// <summary>
/// <c>gardefou bench registry</c>: loads N demo sites through the real domain (SQLite, index, publisher), then prints
/// the load time beside EF's per-entity inserts, near-me query p50/p99 beside a linear scan, sustained site updates per
/// second counted once durable, searchable and in the tile files (beside the one-transaction-per-report path), and
/// the time to rebuild every static file from scratch. Every baseline is measured in the same run.
/// </summary>
public static partial class RegistryBench
{
    private sealed record Settings(int Sites, int Queries, int Seconds, double RadiusKm, int Writers, int FlushMs);

    /// <summary>
    /// Runs every measurement and prints one table. Returns 0, or 2 with an <c>error:</c> line on stderr when a value is
    /// out of range.
    /// </summary>
    public static Task<int> RunAsync(int sites, int queries, int seconds, double radiusKm, int writers, int flushMs, CancellationToken ct) =>
        RunAsync(new Settings(sites, queries, seconds, radiusKm, writers, flushMs), ct);

    private static async Task<int> RunAsync(Settings settings, CancellationToken ct)
    {
        if (settings.Sites < 1 || settings.Queries < 100 || settings.Seconds < 1 || settings.RadiusKm is <= 0 or > 200
            || settings.Writers is < 1 or > 4096 || settings.FlushMs is < 10 or > 60_000)
        {
            await Console.Error.WriteLineAsync("error: --sites ≥ 1, --queries ≥ 100, --seconds ≥ 1, 0 < --radius-km ≤ 200, 1 ≤ --writers ≤ 4096, 10 ≤ --flush-ms ≤ 60000.");
            return 2;
        }
        var data = Directory.CreateTempSubdirectory("gardefou-bench-registry-");
        try
        {
            var services = new ServiceCollection()
                .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
                .AddRegistryDomain(RegistryStorage.ForDataDirectory(data.FullName))
                .Configure<RegistryOptions>(o => o.PublishDebounce = TimeSpan.FromMilliseconds(settings.FlushMs))
                .BuildServiceProvider();
            await using (services)
            {
                var table = new Table().AddColumns("measure", "value", "baseline (same run)", "target");
                await LoadAsync(services, settings.Sites, data.FullName, table, ct);
                var state = services.GetRequiredService<RegistryState>();
                Queries(state, settings.Queries, settings.RadiusKm, table);
                await UpdatesAsync(services, state, settings, table, ct);
                await RebuildAsync(services, state, table, ct);
                AnsiConsole.Write(table);
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    /// <summary>Seed (bulk, one transaction), index load and first publication, each timed; EF's per-entity inserts of a sample as the baseline.</summary>
    private static async Task LoadAsync(IServiceProvider services, int count, string folder, Table table, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var seed = services.GetRequiredService<IOptions<RegistryOptions>>().Value.DemoSeed;
        var sample = Math.Min(count, 5000);
        double efSeconds, efCpu;
        await using (var baseline = RegistryDatabase.Open(new RegistryStorage(Path.Combine(folder, "baseline.db"), null, null, folder)))
        {
            await RegistryDatabase.EnsureCreatedAsync(baseline, ct);
            var ef = Stopwatch.StartNew();
            var efCpuStart = Environment.CpuUsage.TotalTime;
            baseline.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await baseline.Database.BeginTransactionAsync(ct);
            foreach (var (site, observations) in new DemoSiteGenerator(FrenchGazetteer.Shared, seed).Generate(sample, now))
            {
                baseline.Sites.Add(site);
                baseline.Observations.AddRange(observations);
            }
            await baseline.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            efSeconds = ef.Elapsed.TotalSeconds;
            efCpu = (Environment.CpuUsage.TotalTime - efCpuStart).TotalSeconds;
        }

        var total = Stopwatch.StartNew();
        (TimeSpan Wall, TimeSpan Cpu) seeding, indexing, publishing;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await RegistryDatabase.EnsureCreatedAsync(db, ct);
            seeding = await Timed(() => DemoSeeder.SeedAsync(db, count, seed, now, ct));
            indexing = await Timed(() => services.GetRequiredService<RegistryState>().LoadAsync(db, ct));
            publishing = await Timed(() => services.GetRequiredService<StaticPublisher>().PublishAllAsync(ct));
        }
        AnsiConsole.MarkupLine($"Loaded [bold]{count:N0}[/] sites in {total.Elapsed.TotalSeconds:F1} s (load average {LoadAverage()})");
        table.AddRow($"seed {count:N0} sites + reports into SQLite (bulk INSERT, one transaction): wall / process CPU", Both(seeding),
            $"{efSeconds * count / sample:F1} s / {efCpu * count / sample:F1} s by EF AddRange (no tracking), extrapolated from {sample:N0}", "seconds");
        table.AddRow("load the index from the database", Both(indexing), "-", "-");
        table.AddRow("first publication (all tiles + national files, signed)", Both(publishing), "-", "-");
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> Timed(Func<Task> step)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.StartNew();
        await step();
        return (wall.Elapsed, Environment.CpuUsage.TotalTime - cpu);
    }

    private static string Both((TimeSpan Wall, TimeSpan Cpu) t) => $"{t.Wall.TotalSeconds:F2} s / {t.Cpu.TotalSeconds:F2} s";

    private static void Queries(RegistryState state, int count, double radiusKm, Table table)
    {
        // Searchers are where people live: query points are communes drawn by population, as the sites were.
        var random = new Random(7);
        var places = FrenchGazetteer.Shared.Located.Where(p => !p.Approximate && p.Population > 0).ToArray();
        var cumulative = new long[places.Length];
        long total = 0;
        for (var i = 0; i < places.Length; i++)
        {
            cumulative[i] = total += places[i].Population;
        }
        SearchQuery Next()
        {
            var index = Array.BinarySearch(cumulative, random.NextInt64(total) + 1);
            var place = places[index >= 0 ? index : ~index];
            return new SearchQuery(place.Latitude + ((random.NextDouble() - 0.5) * 0.05), place.Longitude + ((random.NextDouble() - 0.5) * 0.05),
                radiusKm, (ResourceCategory)random.Next(3), AvailableNow: random.Next(4) == 0);
        }
        // Queries are drawn before timing so the clock measures the search alone.
        var queries = Enumerable.Range(0, count).Select(_ => Next()).ToArray();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 500; i++)
        {
            state.Index.Search(queries[i], now, state.Freshness); // warm-up (JIT, pools)
        }
        var scanCount = Math.Max(100, count / 40);
        var gcBefore = GC.CollectionCount(0);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var (grid, gridCpu) = Time(count, i => state.Index.Search(queries[i], now, state.Freshness).Count, out var hits);
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)count;
        var collections = GC.CollectionCount(0) - gcBefore;
        var (scan, scanCpu) = Time(scanCount, i => state.Index.SearchByScan(queries[i], now, state.Freshness).Count, out _);
        var load = LoadAverage();
        table.AddRow($"near-me query p50 wall ({radiusKm} km, {count:N0} queries, {hits / (double)count:F0} results avg; load {load})", Ms(P(grid, 0.5)), $"{Ms(P(scan, 0.5))} linear scan", "-");
        table.AddRow("near-me query p99 wall", Ms(P(grid, 0.99)), $"{Ms(P(scan, 0.99))} linear scan", "≤ 2 ms");
        if (ThreadCpuClock.IsAvailable)
        {
            // On a shared machine wall-clock percentiles include the wait for a core; thread CPU time does not.
            table.AddRow("near-me query p50 thread CPU", Ms(P(gridCpu, 0.5)), $"{Ms(P(scanCpu, 0.5))} linear scan", "-");
            table.AddRow("near-me query p99 thread CPU", Ms(P(gridCpu, 0.99)), $"{Ms(P(scanCpu, 0.99))} linear scan", "≤ 2 ms");
        }
        table.AddRow("near-me query allocation (mean; gen0 GCs during the run)", $"{allocated / 1024:F1} KB ({collections} GCs)", "-", "-");
    }

    private static (double[] Wall, double[] Cpu) Time(int count, Func<int, int> query, out long results)
    {
        var wall = new double[count];
        var cpu = new double[count];
        results = 0;
        for (var i = 0; i < count; i++)
        {
            var cpuStart = ThreadCpuClock.Now();
            var start = Stopwatch.GetTimestamp();
            results += query(i);
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = (ThreadCpuClock.Now() - cpuStart) / 1e6;
        }
        Array.Sort(wall);
        Array.Sort(cpu);
        return (wall, cpu);
    }

    private static double P(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * quantile))];

    private static string Ms(double ms) => $"{ms:F3} ms";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
