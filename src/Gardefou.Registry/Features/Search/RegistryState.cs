using Gardefou.Registry.Freshness;
using Gardefou.Registry.Schedules;
using Gardefou.Registry.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Features.Search;

/// <summary>The process-wide in-memory view of the registry: the index and the freshness rules.</summary>
internal sealed class RegistryState
{
    public RegistryState(FreshnessPolicy freshness) => Freshness = freshness;

    public SiteIndex Index { get; } = new();

    public FreshnessPolicy Freshness { get; }

    /// <summary>Loads every site and its current reports from the database (at start); the caller publishes after.</summary>
    public async Task LoadAsync(RegistryDbContext db, CancellationToken ct)
    {
        // Most sites share a handful of opening-hour texts: each is parsed once.
        var schedules = new Dictionary<string, WeeklySchedule>(StringComparer.Ordinal);
        var sites = new List<SiteInfo>();
        await foreach (var row in db.Sites.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            sites.Add(SiteMapping.ToInfo(row, schedules));
        }
        var reports = new List<(string, CapacitySnapshot)>(sites.Count * 3);
        await foreach (var row in db.Observations.AsNoTracking().Where(o => o.IsCurrent).AsAsyncEnumerable().WithCancellation(ct))
        {
            reports.Add((row.SiteId, SiteMapping.ToSnapshot(row)));
        }
        Index.Load(sites, reports);
    }
}
