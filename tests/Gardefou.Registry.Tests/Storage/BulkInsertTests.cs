using Gardefou.Registry.Demo;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Tests.Storage;

/// <summary>The bulk seed writes rows that EF reads back exactly as generated, on both providers.</summary>
public sealed class BulkInsertTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bulk_seeded_sites_and_reports_read_back_as_generated_on_SQLite()
    {
        var data = Directory.CreateTempSubdirectory("gf-registry-bulk-");
        try
        {
            await using var db = RegistryDatabase.Open(RegistryStorage.ForDataDirectory(data.FullName));
            await AssertRoundTripAsync(db);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bulk_seeded_sites_and_reports_read_back_as_generated_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateOrSkipAsync();
        await using var db = RegistryDatabase.Open(RegistryStorage.ForPostgres(database.ConnectionString, Path.GetTempPath()));
        await AssertRoundTripAsync(db);
    }

    private static async Task AssertRoundTripAsync(RegistryDbContext db)
    {
        await RegistryDatabase.EnsureCreatedAsync(db, Ct);
        // More sites than one statement holds, so the chunking is exercised too.
        Assert.Equal(1200, await DemoSeeder.SeedAsync(db, 1200, 5, s_now, Ct));
        Assert.Equal(0, await DemoSeeder.SeedAsync(db, 1200, 5, s_now, Ct));

        var expected = new DemoSiteGenerator(FrenchGazetteer.Shared, 5).Generate(1200, s_now).ToList();
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, Ct);
        var observations = await db.Observations.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(expected.Count, sites.Count);
        Assert.Equal(expected.Sum(e => e.Observations.Count), observations.Count);
        Assert.Equal(observations.Count, observations.Select(o => o.Id).Distinct().Count());
        foreach (var (site, reports) in expected)
        {
            var stored = sites[site.Id];
            Assert.Equal(
                (site.Name, site.Kind, site.Latitude, site.Longitude, site.OpeningHours, site.Wheelchair, site.Phone, site.CreatedAt),
                (stored.Name, stored.Kind, stored.Latitude, stored.Longitude, stored.OpeningHours, stored.Wheelchair, stored.Phone, stored.CreatedAt));
            Assert.Equal(site.ExternalIds, stored.ExternalIds);
            Assert.Equal(site.Languages, stored.Languages);
            Assert.Equal(site.Offers, stored.Offers);
            var storedReports = observations.Where(o => o.SiteId == site.Id).OrderBy(o => o.Resource)
                .Select(o => (o.Resource, o.Available, o.Band, o.Total, o.Basis, o.Method, o.CheckedAt, o.ValidUntil, o.IsCurrent));
            Assert.Equal(reports.OrderBy(o => o.Resource)
                .Select(o => (o.Resource, o.Available, o.Band, o.Total, o.Basis, o.Method, o.CheckedAt, o.ValidUntil, o.IsCurrent)), storedReports);
        }
        // The stored shape answers EF's own queries on list and enum columns.
        Assert.Equal(expected.Count(e => e.Site.Offers.Contains("test.pcr")), await db.Sites.CountAsync(s => s.Offers.Contains("test.pcr"), Ct));
        Assert.Equal(expected.Count(e => e.Site.Kind == Model.SiteKind.Hospital), await db.Sites.CountAsync(s => s.Kind == Model.SiteKind.Hospital, Ct));
    }
}
