using Gardefou.Registry.Demo;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Freshness;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Tests.Search;

public sealed class SiteIndexTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_grid_answers_exactly_as_a_scan_of_every_site()
    {
        var index = new SiteIndex();
        foreach (var (site, observations) in new DemoSiteGenerator(FrenchGazetteer.Shared, 42).Generate(5000, s_now))
        {
            index.Upsert(SiteMapping.ToInfo(site));
            foreach (var o in observations)
            {
                index.SetCapacity(site.Id, SiteMapping.ToSnapshot(o));
            }
        }
        var freshness = new FreshnessPolicy(new RegistryOptions());
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var query = new SearchQuery(42 + (random.NextDouble() * 8), -4 + (random.NextDouble() * 11), 1 + (random.NextDouble() * 60),
                (ResourceCategory)random.Next(3), AvailableNow: random.Next(2) == 0, Limit: 500);
            var grid = index.Search(query, s_now, freshness).Select(h => h.Site.Id);
            var scan = index.SearchByScan(query, s_now, freshness).Select(h => h.Site.Id);
            Assert.Equal(scan, grid);
        }
    }

    [Fact]
    public void The_grid_answers_exactly_as_a_scan_with_every_filter_and_limit()
    {
        var index = DemoIndex(8000, 11);
        var freshness = new FreshnessPolicy(new RegistryOptions());
        var random = new Random(13);
        string?[] languages = [null, null, null, "en", "ar"];
        for (var i = 0; i < 600; i++)
        {
            // Half the queries in Paris, where thousands of sites are in reach and the limit cuts the answer.
            var (lat, lon) = random.Next(2) == 0 ? (48.80 + (random.NextDouble() * 0.1), 2.30 + (random.NextDouble() * 0.1))
                : (42 + (random.NextDouble() * 8), -4 + (random.NextDouble() * 11));
            var category = (ResourceCategory)random.Next(3);
            ResourceType? type = random.Next(4) == 0 ? ResourceType.All.Where(t => t.Category == category).ElementAt(0) : null;
            var query = new SearchQuery(lat, lon, 0.5 + (random.NextDouble() * 40), category, type,
                AvailableNow: random.Next(2) == 0, OpenNow: random.Next(3) == 0, Wheelchair: random.Next(3) == 0,
                WalkIn: random.Next(4) == 0, DriveThrough: random.Next(6) == 0, Language: languages[random.Next(languages.Length)],
                Limit: random.Next(3) switch { 0 => 1, 1 => 20, _ => 500 });
            var now = s_now + TimeSpan.FromMinutes(random.Next(0, 600));
            var grid = index.Search(query, now, freshness).Select(h => (h.Site.Id, h.DistanceKm, h.Available, h.Band, h.Stale, h.OpenNow));
            var scan = index.SearchByScan(query, now, freshness).Select(h => (h.Site.Id, h.DistanceKm, h.Available, h.Band, h.Stale, h.OpenNow));
            Assert.Equal(scan, grid);
        }
    }

    [Fact]
    public void A_bulk_load_answers_as_sites_added_one_by_one()
    {
        var generated = new DemoSiteGenerator(FrenchGazetteer.Shared, 11).Generate(3000, s_now).ToList();
        var loaded = new SiteIndex();
        loaded.Load(generated.Select(g => SiteMapping.ToInfo(g.Site)), generated.SelectMany(g => g.Observations.Select(o => (g.Site.Id, SiteMapping.ToSnapshot(o)))));
        var upserted = DemoIndex(3000, 11);
        var freshness = new FreshnessPolicy(new RegistryOptions());
        Assert.Equal(3000, loaded.Count);
        var random = new Random(17);
        for (var i = 0; i < 200; i++)
        {
            var query = new SearchQuery(42 + (random.NextDouble() * 8), -4 + (random.NextDouble() * 11), 1 + (random.NextDouble() * 60),
                (ResourceCategory)random.Next(3), AvailableNow: random.Next(2) == 0, Limit: 500);
            Assert.Equal(upserted.Search(query, s_now, freshness).Select(h => (h.Site.Id, h.Available)),
                loaded.Search(query, s_now, freshness).Select(h => (h.Site.Id, h.Available)));
        }
    }

    [Fact]
    public void A_query_among_thousands_of_sites_allocates_for_its_answer_only()
    {
        var index = DemoIndex(20_000, 3);
        var freshness = new FreshnessPolicy(new RegistryOptions());
        var wide = new SearchQuery(48.8566, 2.3522, 15, ResourceCategory.Mask, Limit: 5);
        var inReach = index.SearchByScan(wide with { Limit = SearchDefaults.MaxLimit }, s_now, freshness).Count;
        Assert.True(inReach >= 300, $"only {inReach} sites in reach");
        index.Search(wide, s_now, freshness); // JIT and pool warm-up
        var before = GC.GetAllocatedBytesForCurrentThread();
        var hits = index.Search(wide, s_now, freshness);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(5, hits.Count);
        // Five hits with their report lists are a few hundred bytes; one object per site in reach would be far more.
        Assert.True(allocated < 4096, $"{allocated} bytes allocated for {inReach} sites in reach");
    }

    [Fact]
    public void Demo_sites_follow_population_and_the_same_seed_gives_the_same_sites()
    {
        var a = new DemoSiteGenerator(FrenchGazetteer.Shared, 1).Generate(3000, s_now).Select(x => x.Site).ToList();
        var b = new DemoSiteGenerator(FrenchGazetteer.Shared, 1).Generate(3000, s_now).Select(x => x.Site).ToList();
        Assert.Equal(a.Select(s => (s.Id, s.Name, s.Latitude)), b.Select(s => (s.Id, s.Name, s.Latitude)));
        // Paris holds about 3 % of the population: it should hold about 3 % of the sites, a village none.
        var paris = a.Count(s => s.City.StartsWith("Paris", StringComparison.Ordinal));
        Assert.InRange(paris, 50, 150);
        Assert.All(a, s => Assert.InRange(s.Latitude, 41, 52));
    }

    private static SiteIndex DemoIndex(int count, int seed)
    {
        var index = new SiteIndex();
        foreach (var (site, observations) in new DemoSiteGenerator(FrenchGazetteer.Shared, seed).Generate(count, s_now))
        {
            index.Upsert(SiteMapping.ToInfo(site));
            foreach (var o in observations)
            {
                index.SetCapacity(site.Id, SiteMapping.ToSnapshot(o));
            }
        }
        return index;
    }

    [Fact]
    public void A_moved_site_is_found_at_its_new_place_only()
    {
        var index = new SiteIndex();
        var site = Support.Sites.At("m", 45.76, 4.84, "test.pcr");
        index.Upsert(SiteMapping.ToInfo(site));
        site.Latitude = 48.85;
        site.Longitude = 2.35;
        index.Upsert(SiteMapping.ToInfo(site));
        var freshness = new FreshnessPolicy(new RegistryOptions());
        Assert.Empty(index.Search(new SearchQuery(45.76, 4.84, 5, ResourceCategory.Test), s_now, freshness));
        Assert.Single(index.Search(new SearchQuery(48.85, 2.35, 5, ResourceCategory.Test), s_now, freshness));
    }
}
