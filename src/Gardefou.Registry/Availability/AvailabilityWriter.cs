using Gardefou.Registry.Model;
using Gardefou.Registry.Search;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Availability;

/// <summary>
/// Writes validated reports in one transaction (history kept, the previous report loses its current flag), then
/// updates the in-memory index. Nothing reaches the index unless the transaction committed.
/// </summary>
internal static class AvailabilityWriter
{
    public static async Task<IReadOnlyList<CapacitySnapshot>> ApplyAsync(
        RegistryDbContext db, RegistryState state, string siteId, IReadOnlyList<ValidatedUpdate> updates,
        ObservationMethod method, string source, DateTimeOffset now, CancellationToken ct, Action<RegistryDbContext>? alsoInTransaction = null)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var snapshots = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var site = await db.Sites.SingleAsync(s => s.Id == siteId, ct);
            var codes = updates.Select(u => u.Type.Code).Distinct().ToList();
            var previous = await db.Observations.Where(o => o.SiteId == siteId && o.IsCurrent && codes.Contains(o.Resource)).ToListAsync(ct);
            var result = new List<CapacitySnapshot>(updates.Count);
            foreach (var update in updates)
            {
                var before = previous.FirstOrDefault(p => p.Resource == update.Type.Code);
                var same = before is not null && before.Available == update.Available && before.Band == update.Band && before.Closed == update.Closed;
                if (before is not null)
                {
                    before.IsCurrent = false;
                }
                var row = new ObservationRow
                {
                    SiteId = siteId,
                    Resource = update.Type.Code,
                    Available = update.Available,
                    Band = update.Band,
                    Total = update.Total,
                    Unit = update.Type.Category == ResourceCategory.Bed ? "beds" : update.Type.Category == ResourceCategory.Test ? "tests" : "masks",
                    Basis = update.Basis,
                    Closed = update.Closed,
                    Method = method,
                    Source = source,
                    CheckedAt = update.CheckedAt,
                    ValidUntil = update.ValidUntil,
                    ChangedAt = same ? before!.ChangedAt : update.CheckedAt,
                    IsCurrent = true,
                };
                db.Observations.Add(row);
                if (before is not null)
                {
                    previous.Remove(before);
                }
                previous.Add(row);
                if (!site.Offers.Contains(update.Type.Name))
                {
                    site.Offers = [.. site.Offers, update.Type.Name];
                    site.UpdatedAt = now;
                }
                result.Add(SiteMapping.ToSnapshot(row));
            }
            alsoInTransaction?.Invoke(db);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (result, site);
        });
        if (snapshots.site.Offers.Count != (state.Index.TryGet(siteId, out var indexed) ? indexed.Info.Offers.Count : -1))
        {
            state.Index.Upsert(SiteMapping.ToInfo(snapshots.site));
        }
        // Within one batch, the last report of a resource wins, as it did in the database.
        foreach (var snapshot in snapshots.result)
        {
            state.Index.SetCapacity(siteId, snapshot);
        }
        return snapshots.result;
    }
}
