using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Model;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Features.Availability;

/// <summary>
/// Writes validated reports in one transaction (history kept, the previous report loses its current flag), then
/// updates the in-memory index. Nothing reaches the index unless the transaction committed. The previous value,
/// needed for <c>changedAt</c>, comes from the index, so the hot path is two statements: one UPDATE, one INSERT.
/// </summary>
internal static class AvailabilityWriter
{
    public static async Task<IReadOnlyList<CapacitySnapshot>> ApplyAsync(
        RegistryDbContext db, RegistryState state, string siteId, IReadOnlyList<ValidatedUpdate> updates,
        ObservationMethod method, string source, DateTimeOffset now, CancellationToken ct, Action<RegistryDbContext>? alsoInTransaction = null)
    {
        state.Index.TryGet(siteId, out var indexed);
        var offered = indexed?.Info.Offers;
        var strategy = db.Database.CreateExecutionStrategy();
        var (result, changedSite) = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var codes = updates.Select(u => u.Type.Code).Distinct().ToList();
            await db.Observations.Where(o => o.SiteId == siteId && o.IsCurrent && codes.Contains(o.Resource))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.IsCurrent, false), ct);
            var latest = new Dictionary<int, ObservationRow>();
            var rows = new List<ObservationRow>(updates.Count);
            foreach (var update in updates)
            {
                var code = update.Type.Code;
                var before = latest.TryGetValue(code, out var earlier) ? SiteMapping.ToSnapshot(earlier)
                    : indexed is null ? null : Volatile.Read(ref indexed.Capacity[code]);
                if (earlier is not null)
                {
                    earlier.IsCurrent = false; // within one batch, the last report of a resource wins
                }
                var row = ToRow(siteId, update, method, source, before);
                latest[code] = row;
                rows.Add(row);
            }
            db.Observations.AddRange(rows);
            SiteRow? site = null;
            if (offered is null || updates.Any(u => !offered.Contains(u.Type)))
            {
                // A report for a resource the site did not list adds it to the site's offers.
                site = await db.Sites.SingleAsync(s => s.Id == siteId, ct);
                site.Offers = [.. site.Offers.Union(updates.Select(u => u.Type.Name))];
                site.UpdatedAt = now;
            }
            alsoInTransaction?.Invoke(db);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (rows.Select(SiteMapping.ToSnapshot).ToList(), site);
        });
        if (changedSite is not null)
        {
            state.Index.Upsert(SiteMapping.ToInfo(changedSite));
        }
        foreach (var snapshot in result)
        {
            state.Index.SetCapacity(siteId, snapshot);
        }
        return result;
    }

    /// <summary>A new current report; <c>changedAt</c> stays the previous report's when the value did not change.</summary>
    internal static ObservationRow ToRow(string siteId, ValidatedUpdate update, ObservationMethod method, string source, CapacitySnapshot? before)
    {
        var same = before is not null && before.Available == update.Available && before.Band == update.Band && before.Closed == update.Closed;
        return new ObservationRow
        {
            SiteId = siteId,
            Resource = update.Type.Code,
            Available = update.Available,
            Band = update.Band,
            Total = update.Total,
            Unit = update.Type.Category switch { ResourceCategory.Bed => "beds", ResourceCategory.Test => "tests", _ => "masks" },
            Basis = update.Basis,
            Closed = update.Closed,
            Method = method,
            Source = source,
            CheckedAt = update.CheckedAt,
            ValidUntil = update.ValidUntil,
            ChangedAt = same ? before!.ChangedAt : update.CheckedAt,
            IsCurrent = true,
        };
    }
}
