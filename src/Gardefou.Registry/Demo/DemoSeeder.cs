using Gardefou.Registry.Gazetteer;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Demo;

/// <summary>Writes demo sites in chunks (100,000 sites would not fit one change tracker comfortably).</summary>
internal static class DemoSeeder
{
    public static async Task<int> SeedAsync(RegistryDbContext db, int count, int seed, DateTimeOffset now, CancellationToken ct, IProgress<int>? progress = null)
    {
        if (count <= 0 || await db.Sites.AnyAsync(s => s.Id.StartsWith("demo-"), ct))
        {
            return 0;
        }
        var generator = new DemoSiteGenerator(FrenchGazetteer.Shared, seed);
        var written = 0;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var chunk in generator.Generate(count, now).Chunk(2000))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var (site, observations) in chunk)
            {
                db.Sites.Add(site);
                db.Observations.AddRange(observations);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            written += chunk.Length;
            progress?.Report(written);
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return written;
    }
}
