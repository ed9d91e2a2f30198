using Gardefou.Registry.Freshness;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Search;

/// <summary>The process-wide in-memory view of the registry: the index and the freshness rules.</summary>
internal sealed class RegistryState
{
    public RegistryState(FreshnessPolicy freshness) => Freshness = freshness;

    public SiteIndex Index { get; } = new();

    public FreshnessPolicy Freshness { get; }

    /// <summary>Loads every site and its current reports from the database (at start, after imports).</summary>
    public async Task LoadAsync(RegistryDbContext db, CancellationToken ct)
    {
        await foreach (var row in db.Sites.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            Index.Upsert(SiteMapping.ToInfo(row));
        }
        await foreach (var row in db.Observations.AsNoTracking().Where(o => o.IsCurrent).AsAsyncEnumerable().WithCancellation(ct))
        {
            Index.SetCapacity(row.SiteId, SiteMapping.ToSnapshot(row));
        }
    }
}
