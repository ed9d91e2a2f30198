using System.Buffers;
using System.Text;
using System.Text.Json;
using Gardefou.Registry.Features.Availability;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Model;
using Gardefou.Registry.Publication;
using Gardefou.Registry.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Registry.Tests.Availability;

/// <summary>Reports written together in group commits, and tiles rewritten from cached site JSON.</summary>
public sealed class GroupCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_reports_share_commits_keep_history_and_leave_one_current_report_per_resource()
    {
        await using var server = await RegistryServer.StartAsync();
        var sites = Enumerable.Range(0, 40).Select(i => Sites.At($"g{i}", 45.5 + (i * 0.02), 4.6 + (i * 0.015), "mask.ffp2", "test.pcr")).ToArray();
        await server.AddSitesAsync(sites);
        var committer = server.App.Services.GetRequiredService<AvailabilityCommitter>();
        var ffp2 = ResourceType.Parse("mask.ffp2");
        var pcr = ResourceType.Parse("test.pcr");
        var now = server.Time.GetUtcNow();
        var random = new Random(5);
        var sent = new List<(string Site, ResourceType Type, int Available, Task<IReadOnlyList<CapacitySnapshot>> Done)>();
        for (var i = 0; i < 600; i++)
        {
            var site = sites[random.Next(sites.Length)].Id;
            var type = random.Next(2) == 0 ? ffp2 : pcr;
            // Few distinct values, so some reports repeat the previous number and must keep its changedAt.
            var available = random.Next(3);
            var update = ValidatedUpdate.Count(type, available, now.AddSeconds(i), now.AddMinutes(5));
            sent.Add((site, type, available, committer.ApplyAsync(site, [update], ObservationMethod.SiteApi, "site-api", now, Ct)));
        }
        await Task.WhenAll(sent.Select(s => s.Done));

        Assert.InRange(committer.Commits, 1, sent.Count - 1);
        var rows = await server.WithDbAsync(db => db.Observations.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(sent.Count, rows.Count);
        foreach (var group in sent.GroupBy(s => (s.Site, s.Type)))
        {
            var last = group.Last();
            var current = Assert.Single(rows, r => r.SiteId == group.Key.Site && r.Resource == group.Key.Type.Code && r.IsCurrent);
            Assert.Equal(last.Available, current.Available);
            Assert.Equal(now.AddSeconds(sent.IndexOf(last)), current.CheckedAt);
            // changedAt is the check time of the first report of the final run of equal values.
            var run = group.Reverse().TakeWhile(s => s.Available == last.Available).Last();
            Assert.Equal(now.AddSeconds(sent.IndexOf(run)), current.ChangedAt);
            Assert.True(server.State.Index.TryGet(group.Key.Site, out var indexed));
            Assert.Equal(current.Id, rows.Single(r => r.IsCurrent && r.SiteId == current.SiteId && r.Resource == current.Resource).Id);
            Assert.Equal((current.Available, current.CheckedAt, current.ChangedAt),
                (indexed.Capacity[group.Key.Type.Code]!.Available, indexed.Capacity[group.Key.Type.Code]!.CheckedAt, indexed.Capacity[group.Key.Type.Code]!.ChangedAt));
        }
    }

    [Fact]
    public async Task A_report_for_a_new_resource_goes_through_and_adds_it_to_the_site()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("n", 45.76, 4.84, "mask.ffp2"));
        var committer = server.App.Services.GetRequiredService<AvailabilityCommitter>();
        var now = server.Time.GetUtcNow();
        var antigen = ResourceType.Parse("test.antigen");
        await committer.ApplyAsync("n", [ValidatedUpdate.Count(antigen, 4, now, now.AddMinutes(5))], ObservationMethod.SiteApi, "site-api", now, Ct);
        Assert.True(server.State.Index.TryGet("n", out var site));
        Assert.Contains(antigen, site.Info.Offers);
        Assert.Equal(4, site.Capacity[antigen.Code]!.Available);
    }

    [Fact]
    public async Task Tiles_rewritten_in_coalesced_flushes_equal_a_fresh_serialization_of_every_site()
    {
        await using var server = await RegistryServer.StartAsync(demoSites: 400);
        var committer = server.App.Services.GetRequiredService<AvailabilityCommitter>();
        var all = server.State.Index.Snapshot();
        var random = new Random(9);
        var now = server.Time.GetUtcNow();
        for (var round = 0; round < 8; round++)
        {
            var batch = new List<Task>();
            for (var i = 0; i < 150; i++)
            {
                var site = all[random.Next(all.Length)];
                var type = site.Info.Offers[random.Next(site.Info.Offers.Count)];
                batch.Add(committer.ApplyAsync(site.Id, [ValidatedUpdate.Count(type, random.Next(0, 60), now, now.AddMinutes(10))],
                    ObservationMethod.SiteApi, "site-api", now, Ct));
            }
            await Task.WhenAll(batch);
            // Let the publisher's interval pass on the fake clock so it flushes between rounds, from its cache.
            server.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(30, Ct);
        }
        await server.Publisher.FlushAsync(Ct, forceNational: true);
        Assert.True(server.Publisher.PublishedThrough >= server.State.Index.ChangeSequence);

        var tiles = Directory.GetFiles(Path.Combine(server.DataDirectory, "registry-static", "tiles"), "*_*.json");
        Assert.Equal(all.Select(s => TileKey.Of(s.Info.Latitude, s.Info.Longitude).FileName).Distinct().Order(), tiles.Select(Path.GetFileName).Order());
        var seen = 0;
        foreach (var tile in tiles)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(tile));
            foreach (var element in json.RootElement.GetProperty("sites").EnumerateArray())
            {
                Assert.True(server.State.Index.TryGet(element.GetProperty("id").GetString()!, out var site));
                Assert.Equal(Fresh(site), element.GetRawText());
                seen++;
            }
        }
        Assert.Equal(all.Length, seen);

        // The GeoJSON feed shares the cache: each feature's properties are the site's JSON.
        using var feed = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(server.DataDirectory, "registry-static", "feed.geojson")));
        var features = feed.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(all.Length, features.Count);
        foreach (var feature in features)
        {
            Assert.True(server.State.Index.TryGet(feature.GetProperty("id").GetString()!, out var site));
            Assert.Equal(Fresh(site), feature.GetProperty("properties").GetRawText());
        }
    }

    private static string Fresh(IndexedSite site)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            SiteJson.Write(w, site);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
