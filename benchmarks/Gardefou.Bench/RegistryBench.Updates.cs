using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Gardefou.Registry.Features.Availability;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Model;
using Gardefou.Registry.Publication;
using Gardefou.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Gardefou.Bench;

public static partial class RegistryBench
{
    /// <summary>
    /// Sites post reports through the group committer, each waiting for its report to be durable before sending the
    /// next, while the publisher runs as in the server. The clock stops when the publisher has flushed every tile
    /// changed by the last report, so the count is of reports committed, searchable and in the signed tile files.
    /// </summary>
    private static async Task UpdatesAsync(IServiceProvider services, RegistryState state, Settings settings, Table table, CancellationToken ct)
    {
        var publisher = services.GetRequiredService<StaticPublisher>();
        var committer = services.GetRequiredService<AvailabilityCommitter>();
        var hosted = (IHostedService)publisher;
        await hosted.StartAsync(ct);
        var sites = state.Index.Snapshot();
        var writers = Math.Min(settings.Writers, sites.Length);
        var tilesBefore = publisher.TilesWritten;
        var flushesBefore = publisher.TileFlushes;
        var commitsBefore = committer.Commits;
        // Each writer owns its sites, so the last value it recorded for a resource is the last one written.
        var last = new ConcurrentDictionary<(string Site, int Code), int>();
        long updates = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var stopwatch = Stopwatch.StartNew();
        var stopAt = TimeSpan.FromSeconds(settings.Seconds);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(1000 + w);
            var owned = (sites.Length - w + writers - 1) / writers;
            while (stopwatch.Elapsed < stopAt)
            {
                var site = sites[w + (writers * random.Next(owned))];
                var type = site.Info.Offers[random.Next(site.Info.Offers.Count)];
                var now = DateTimeOffset.UtcNow;
                var available = random.Next(0, 200);
                var update = ValidatedUpdate.Count(type, available, now, now + state.Freshness.TimeToLive(type.Category));
                await committer.ApplyAsync(site.Id, [update], ObservationMethod.SiteApi, "bench", now, ct);
                last[(site.Id, type.Code)] = available;
                Interlocked.Increment(ref updates);
            }
        }, ct)));
        var sent = stopwatch.Elapsed.TotalSeconds;
        var lastChange = state.Index.ChangeSequence;
        while (publisher.PublishedThrough < lastChange)
        {
            await Task.Delay(5, ct);
        }
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        await hosted.StopAsync(ct);
        var load = LoadAverage();
        var (checkedCount, found) = Verify(state, publisher, last);
        var baseline = await OneTransactionPerReportAsync(services, state, sites, Math.Max(2, settings.Seconds / 4), ct);

        table.AddRow($"site updates per second, durable + searchable + in tile files ({writers} sites posting at once; load {load})",
            $"{updates / elapsed:N0}/s ({updates:N0} in {elapsed:F1} s: {sent:F1} s sending + {elapsed - sent:F1} s until the last tile flush)",
            $"{baseline:N0}/s one EF transaction per report (durable + searchable only)", "≥ 2,000/s");
        table.AddRow("  reports per commit; tile flushes; tile files rewritten",
            $"{updates / (double)Math.Max(1, committer.Commits - commitsBefore):F0}; {publisher.TileFlushes - flushesBefore:N0}; {publisher.TilesWritten - tilesBefore:N0}", "-", "-");
        table.AddRow("  site updates per process-CPU second (all threads: writes, tiles, national files)", $"{updates / cpuSeconds:N0}/s", "-", "-");
        table.AddRow("  sampled final values found in the index and in their tile file", $"{found}/{checkedCount}", "-", "all");
    }

    private static (int Checked, int Found) Verify(RegistryState state, StaticPublisher publisher, ConcurrentDictionary<(string Site, int Code), int> last)
    {
        var random = new Random(11);
        var sample = last.ToArray().OrderBy(_ => random.Next()).Take(200).ToArray();
        var tiles = new Dictionary<string, JsonDocument>();
        var found = 0;
        foreach (var ((siteId, code), available) in sample)
        {
            if (!state.Index.TryGet(siteId, out var site) || site.Capacity[code]?.Available != available)
            {
                continue;
            }
            var file = Path.Combine(publisher.Directory, "tiles", TileKey.Of(site.Info.Latitude, site.Info.Longitude).FileName);
            if (!tiles.TryGetValue(file, out var tile))
            {
                tiles[file] = tile = JsonDocument.Parse(File.ReadAllBytes(file));
            }
            var name = ResourceType.FromCode(code).Name;
            var inTile = tile.RootElement.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("id").GetString() == siteId)
                .GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("type").GetString() == name);
            found += inTile.TryGetProperty("available", out var n) && n.GetInt32() == available ? 1 : 0;
        }
        foreach (var tile in tiles.Values)
        {
            tile.Dispose();
        }
        return (sample.Length, found);
    }

    /// <summary>The write path before group commit: one EF transaction per report (the HTTP batch route still uses it).</summary>
    private static async Task<double> OneTransactionPerReportAsync(IServiceProvider services, RegistryState state, IndexedSite[] sites, int seconds, CancellationToken ct)
    {
        var random = new Random(3);
        long updates = 0;
        var stopwatch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        while (stopwatch.Elapsed.TotalSeconds < seconds)
        {
            var site = sites[random.Next(sites.Length)];
            var type = site.Info.Offers[random.Next(site.Info.Offers.Count)];
            var now = DateTimeOffset.UtcNow;
            var update = ValidatedUpdate.Count(type, random.Next(0, 200), now, now + state.Freshness.TimeToLive(type.Category));
            await AvailabilityWriter.ApplyAsync(db, state, site.Id, [update], ObservationMethod.SiteApi, "bench", now, ct);
            db.ChangeTracker.Clear();
            updates++;
        }
        return updates / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Every tile and national file rebuilt and signed with no cached site JSON: the cost of a cold start.</summary>
    private static async Task RebuildAsync(IServiceProvider services, RegistryState state, Table table, CancellationToken ct)
    {
        var publisher = services.GetRequiredService<StaticPublisher>();
        foreach (var site in state.Index.Snapshot())
        {
            site.Json = null;
        }
        var stopwatch = Stopwatch.StartNew();
        publisher.MarkAllTilesDirty();
        await publisher.FlushTilesAsync(ct);
        var tiles = stopwatch.Elapsed.TotalSeconds;
        stopwatch.Restart();
        await publisher.FlushNationalAsync(force: true, ct);
        var national = stopwatch.Elapsed.TotalSeconds;
        var bytes = Directory.EnumerateFiles(publisher.Directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        table.AddRow($"rebuild all static files from scratch (load {LoadAverage()})",
            $"{tiles + national:F2} s (tiles {tiles:F2} s + national files {national:F2} s; {bytes / 1e6:F0} MB, signed)", "-", "-");
    }
}
