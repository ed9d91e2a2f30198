using System.CommandLine;
using System.Diagnostics;
using Gardefou.Registry;
using Gardefou.Registry.Availability;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Model;
using Gardefou.Registry.Publication;
using Gardefou.Registry.Search;
using Gardefou.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Gardefou.Cli.Commands.Bench;

/// <summary>
/// <c>gardefou bench registry</c>: loads N demo sites through the real domain (SQLite, index, publisher), then prints
/// near-me query p50/p99 beside a linear scan measured in the same run, sustained site updates per second with the
/// tiles rebuilt behind them, and the time to rebuild every static file.
/// </summary>
internal static class RegistryBench
{
    public static Command Create()
    {
        var sites = new Option<int>("--sites") { Description = "Number of demo sites", DefaultValueFactory = _ => 100_000 };
        var queries = new Option<int>("--queries") { Description = "Near-me queries to time", DefaultValueFactory = _ => 20_000 };
        var seconds = new Option<int>("--seconds") { Description = "Duration of the update run", DefaultValueFactory = _ => 10 };
        var radius = new Option<double>("--radius-km") { Description = "Search radius", DefaultValueFactory = _ => 10 };
        var command = new Command("registry", "Registry: near-me query latency, update throughput, static rebuild time") { sites, queries, seconds, radius };
        command.SetAction((r, ct) => RunAsync(r.GetValue(sites), r.GetValue(queries), r.GetValue(seconds), r.GetValue(radius), ct));
        return command;
    }

    private static async Task<int> RunAsync(int siteCount, int queryCount, int seconds, double radiusKm, CancellationToken ct)
    {
        if (siteCount < 1 || queryCount < 100 || seconds < 1 || radiusKm is <= 0 or > 200)
        {
            await Console.Error.WriteLineAsync("error: --sites ≥ 1, --queries ≥ 100, --seconds ≥ 1, 0 < --radius-km ≤ 200.");
            return 2;
        }
        var data = Directory.CreateTempSubdirectory("gardefou-bench-registry-");
        try
        {
            var services = new ServiceCollection()
                .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
                .AddRegistryDomain(RegistryStorage.ForDataDirectory(data.FullName))
                .BuildServiceProvider();
            await using (services)
            {
                var load = Stopwatch.StartNew();
                await AnsiConsole.Status().StartAsync($"Seeding {siteCount:N0} demo sites into SQLite and publishing…", _ => services.InitializeRegistryDomainAsync(siteCount, ct));
                var state = services.GetRequiredService<RegistryState>();
                AnsiConsole.MarkupLine($"Loaded [bold]{state.Index.Count:N0}[/] sites (seed, index, first publication) in {load.Elapsed.TotalSeconds:F1} s");

                var table = new Table().AddColumns("measure", "value", "baseline (same run)", "target");
                Queries(state, queryCount, radiusKm, table);
                await UpdatesAsync(services, state, seconds, table, ct);
                var publisher = services.GetRequiredService<StaticPublisher>();
                var rebuild = Stopwatch.StartNew();
                await publisher.PublishAllAsync(ct);
                rebuild.Stop();
                var bytes = Directory.EnumerateFiles(publisher.Directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                table.AddRow("rebuild all static files", $"{rebuild.Elapsed.TotalSeconds:F2} s ({bytes / 1e6:F0} MB, signed)", "-", "-");
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
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 500; i++)
        {
            state.Index.Search(Next(), now, state.Freshness); // warm-up (JIT, caches)
        }
        var scanCount = Math.Max(100, count / 40);
        var (grid, gridCpu) = Time(count, () => state.Index.Search(Next(), now, state.Freshness).Count, out var hits);
        var (scan, scanCpu) = Time(scanCount, () => state.Index.SearchByScan(Next(), now, state.Freshness).Count, out _);
        table.AddRow($"near-me query p50 wall ({radiusKm} km, {count:N0} queries, {hits / (double)count:F0} results avg)", Ms(P(grid, 0.5)), $"{Ms(P(scan, 0.5))} linear scan", "-");
        table.AddRow("near-me query p99 wall", Ms(P(grid, 0.99)), $"{Ms(P(scan, 0.99))} linear scan", "≤ 2 ms");
        if (ThreadCpuClock.IsAvailable)
        {
            // On a shared machine wall-clock percentiles include the wait for a core; thread CPU time does not.
            table.AddRow("near-me query p50 thread CPU", Ms(P(gridCpu, 0.5)), $"{Ms(P(scanCpu, 0.5))} linear scan", "-");
            table.AddRow("near-me query p99 thread CPU", Ms(P(gridCpu, 0.99)), $"{Ms(P(scanCpu, 0.99))} linear scan", "≤ 2 ms");
        }
    }

    private static (double[] Wall, double[] Cpu) Time(int count, Func<int> query, out long results)
    {
        var wall = new double[count];
        var cpu = new double[count];
        results = 0;
        for (var i = 0; i < count; i++)
        {
            var cpuStart = ThreadCpuClock.Now();
            var start = Stopwatch.GetTimestamp();
            results += query();
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = (ThreadCpuClock.Now() - cpuStart) / 1e6;
        }
        Array.Sort(wall);
        Array.Sort(cpu);
        return (wall, cpu);
    }

    private static double P(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * quantile))];

    private static string Ms(double ms) => $"{ms:F3} ms";

    /// <summary>Updates through the real write path (validation, SQLite transaction with history, index) while the publisher rewrites tiles.</summary>
    private static async Task UpdatesAsync(IServiceProvider services, RegistryState state, int seconds, Table table, CancellationToken ct)
    {
        var publisher = services.GetRequiredService<StaticPublisher>();
        var hosted = (IHostedService)publisher;
        await hosted.StartAsync(ct);
        var tilesBefore = publisher.TilesWritten;
        var sites = state.Index.Snapshot();
        var random = new Random(3);
        var time = TimeProvider.System;
        long updates = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var stopwatch = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"site updates for {seconds} s", maxValue: seconds);
                while (stopwatch.Elapsed.TotalSeconds < seconds)
                {
                    var site = sites[random.Next(sites.Length)];
                    var type = site.Info.Offers[random.Next(site.Info.Offers.Count)];
                    var now = time.GetUtcNow();
                    var update = new ValidatedUpdate(type, random.Next(0, 200), null, null, null, false, now, now + state.Freshness.TimeToLive(type.Category));
                    await AvailabilityWriter.ApplyAsync(db, state, site.Id, [update], ObservationMethod.SiteApi, "bench", now, ct);
                    db.ChangeTracker.Clear();
                    updates++;
                    task.Value = Math.Min(seconds, stopwatch.Elapsed.TotalSeconds);
                }
            });
        }
        await publisher.FlushAsync(ct);
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        await hosted.StopAsync(ct);
        table.AddRow("site updates per second (SQLite, history kept, tiles rebuilt)", $"{updates / elapsed:N0}/s ({updates:N0} in {elapsed:F1} s)",
            $"{publisher.TilesWritten - tilesBefore:N0} tile files rewritten", "≥ 2,000/s");
        table.AddRow("site updates per process-CPU second (all threads, tiles included)", $"{updates / cpuSeconds:N0}/s", "-", "-");
    }
}
