using Gardefou.Registry.Freshness;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Search;

internal sealed partial class SiteIndex
{
    /// <summary>Sites within the radius that match the filters, nearest first.</summary>
    public List<SearchHit> Search(SearchQuery query, DateTimeOffset now, FreshnessPolicy freshness)
    {
        var hits = new List<SearchHit>();
        var latSpan = query.RadiusKm / GeoMath.KmPerDegreeLatitude;
        // Near the poles a radius spans every longitude; clamp the cosine so the cell range stays finite.
        var cos = Math.Max(0.01, Math.Cos(double.DegreesToRadians(Math.Min(89.9, Math.Abs(query.Latitude) + latSpan))));
        var lonSpan = Math.Min(180, latSpan / cos);
        var latMin = CellIndex(query.Latitude - latSpan);
        var latMax = CellIndex(query.Latitude + latSpan);
        var lonMin = CellIndex(query.Longitude - lonSpan);
        var lonMax = CellIndex(query.Longitude + lonSpan);
        var cellsAround = (int)Math.Round(360 / CellDegrees);
        _lock.EnterReadLock();
        try
        {
            for (var i = latMin; i <= latMax; i++)
            {
                for (var j = lonMin; j <= lonMax; j++)
                {
                    // Longitudes wrap at the antimeridian.
                    var wrapped = ((j % cellsAround) + (cellsAround * 3 / 2)) % cellsAround - (cellsAround / 2);
                    if (_cells.TryGetValue(Pack(i, wrapped), out var cell))
                    {
                        foreach (var site in cell)
                        {
                            Consider(site, query, now, freshness, hits);
                        }
                    }
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
        return Finish(hits, query);
    }

    /// <summary>The same answer by scanning every site: the baseline the grid is measured against.</summary>
    public List<SearchHit> SearchByScan(SearchQuery query, DateTimeOffset now, FreshnessPolicy freshness)
    {
        var hits = new List<SearchHit>();
        _lock.EnterReadLock();
        try
        {
            foreach (var site in _byId.Values)
            {
                Consider(site, query, now, freshness, hits);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
        return Finish(hits, query);
    }

    private static List<SearchHit> Finish(List<SearchHit> hits, SearchQuery query)
    {
        hits.Sort(static (a, b) => a.DistanceKm != b.DistanceKm ? a.DistanceKm.CompareTo(b.DistanceKm) : string.CompareOrdinal(a.Site.Id, b.Site.Id));
        if (hits.Count > query.Limit)
        {
            hits.RemoveRange(query.Limit, hits.Count - query.Limit);
        }
        return hits;
    }

    private static void Consider(IndexedSite site, SearchQuery query, DateTimeOffset now, FreshnessPolicy freshness, List<SearchHit> hits)
    {
        var info = site.Info;
        if ((query.Wheelchair && !info.Wheelchair) || (query.WalkIn && !info.WalkIn) || (query.DriveThrough && !info.DriveThrough)
            || (query.Language is { } language && !info.Languages.Contains(language, StringComparer.OrdinalIgnoreCase)))
        {
            return;
        }
        var distance = GeoMath.DistanceKm(query.Latitude, query.Longitude, info.Latitude, info.Longitude);
        if (distance > query.RadiusKm)
        {
            return;
        }
        if (Summarize(site, query, now, freshness, distance) is not { } hit)
        {
            return;
        }
        if ((query.OpenNow && hit.OpenNow != true) || (query.AvailableNow && (hit.Stale || !hit.Resources.Any(r => r.HasSome))))
        {
            return;
        }
        hits.Add(hit);
    }

    /// <summary>
    /// One line per site: the sum of the fresh numbers of the matching resources. When none is fresh, the stale
    /// numbers are shown, flagged stale, so a person sees them as unverified rather than not at all. One pass, and
    /// a list only for the reports actually shown: this runs for every site inside the radius.
    /// </summary>
    internal static SearchHit? Summarize(IndexedSite site, SearchQuery query, DateTimeOffset now, FreshnessPolicy freshness, double distance)
    {
        var offered = false;
        Aggregate fresh = default, stale = default;
        foreach (var type in site.Info.Offers)
        {
            if (!query.Matches(type))
            {
                continue;
            }
            offered = true;
            if (Volatile.Read(ref site.Capacity[type.Code]) is not { } c)
            {
                continue;
            }
            if (freshness.IsStale(type.Category, c.CheckedAt, c.ValidUntil, now))
            {
                stale.Add(c);
            }
            else
            {
                fresh.Add(c);
            }
        }
        if (!offered)
        {
            return null;
        }
        var open = site.Schedule.IsOpen(now, site.Info.TimeZone);
        var typeName = query.Type?.Name ?? s_categoryNames[(int)query.Category];
        var isStale = fresh.Count == 0;
        var chosen = isStale ? stale : fresh;
        if (chosen.Count == 0)
        {
            return new SearchHit(site, distance, typeName, null, null, null, null, Stale: false, open, []);
        }
        var resources = new List<CapacitySnapshot>(chosen.Count);
        foreach (var type in site.Info.Offers)
        {
            if (query.Matches(type) && Volatile.Read(ref site.Capacity[type.Code]) is { } c
                && freshness.IsStale(type.Category, c.CheckedAt, c.ValidUntil, now) == isStale)
            {
                resources.Add(c);
            }
        }
        var band = chosen.Band;
        if (chosen.Available is { } total && (band is null || Bands.FromCount(total) > band))
        {
            band = Bands.FromCount(total);
        }
        return new SearchHit(site, distance, typeName, chosen.Available, band, chosen.OldestCheck, chosen.Newest!.Source, isStale, open, resources);
    }

    private static readonly string[] s_categoryNames = ["test", "mask", "bed"];

    /// <summary>Running sum of reports; the age shown is the oldest part's, as the sum is only as fresh as that.</summary>
    private struct Aggregate
    {
        public int Count;
        public int? Available;
        public AvailabilityBand? Band;
        public DateTimeOffset OldestCheck;
        public CapacitySnapshot? Newest;

        public void Add(CapacitySnapshot c)
        {
            if (c.Closed)
            {
                Available ??= 0;
            }
            else if (c.Available is { } n)
            {
                Available = (Available ?? 0) + n;
            }
            if (c.EffectiveBand is { } b && (Band is null || b > Band))
            {
                Band = b;
            }
            if (Count == 0 || c.CheckedAt < OldestCheck)
            {
                OldestCheck = c.CheckedAt;
            }
            if (Newest is null || c.CheckedAt > Newest.CheckedAt)
            {
                Newest = c;
            }
            Count++;
        }
    }
}
