using Gardefou.Registry.Features.Availability;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Model;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Imports;

/// <summary>Upserts the valid rows of an import (site fields replaced, id and creation time kept) and their reports.</summary>
internal static class ImportWriter
{
    public static async Task<int> WriteAsync(RegistryDbContext db, RegistryState state, IReadOnlyList<ImportedSite> rows, string source, DateTimeOffset now, CancellationToken ct)
    {
        // The last row for an id wins, as it would in a spreadsheet sorted by time.
        var unique = rows.GroupBy(r => r.Site.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var ids = unique.Select(r => r.Site.Id).ToList();
        var existing = await db.Sites.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, ct);
        foreach (var row in unique)
        {
            var site = row.Site;
            site.Offers = [.. site.Offers.Union(row.Reports.Select(r => r.Type.Name))];
            if (existing.TryGetValue(site.Id, out var stored))
            {
                site.CreatedAt = stored.CreatedAt;
                site.ExternalIds = [.. stored.ExternalIds.Union(site.ExternalIds)];
                site.Offers = [.. stored.Offers.Union(site.Offers)];
                db.Entry(stored).CurrentValues.SetValues(site);
                stored.ExternalIds = site.ExternalIds;
                stored.Offers = site.Offers;
                stored.Languages = site.Languages;
            }
            else
            {
                site.CreatedAt = now;
                db.Sites.Add(site);
            }
            site.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        foreach (var row in unique)
        {
            state.Index.Upsert(SiteMapping.ToInfo(existing.TryGetValue(row.Site.Id, out var stored) ? stored : row.Site));
        }
        foreach (var row in unique.Where(r => r.Reports.Count > 0))
        {
            await AvailabilityWriter.ApplyAsync(db, state, row.Site.Id, row.Reports, ObservationMethod.Import, source, now, ct);
        }
        return unique.Count;
    }
}
