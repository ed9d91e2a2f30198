using Gardefou.Registry.Freshness;
using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Demo;

/// <summary>
/// Writes demo sites in one transaction through <see cref="BulkInsert"/>: 100,000 sites and their reports load in
/// seconds, where EF's per-entity inserts (each returning its generated key) took minutes.
/// </summary>
internal static class DemoSeeder
{
    private const int SitesPerRound = 5000;

    public static async Task<int> SeedAsync(RegistryDbContext db, int count, int seed, DateTimeOffset now, CancellationToken ct, IProgress<int>? progress = null, FreshnessPolicy? freshness = null)
    {
        if (count <= 0 || await db.Sites.AnyAsync(s => s.Id.StartsWith("demo-"), ct))
        {
            return 0;
        }
        var generator = new DemoSiteGenerator(FrenchGazetteer.Shared, seed, freshness);
        var written = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Sites go in before their reports (foreign key), a round at a time so memory stays bounded.
        foreach (var round in generator.Generate(count, now).Chunk(SitesPerRound))
        {
            await BulkInsert.InsertAsync(db, round.Select(x => x.Site), ct);
            await BulkInsert.InsertAsync(db, round.SelectMany(x => x.Observations), ct);
            written += round.Length;
            progress?.Report(written);
        }
        await tx.CommitAsync(ct);
        return written;
    }
}
