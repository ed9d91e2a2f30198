using System.Buffers;
using Gardefou.Registry.Freshness;
using Gardefou.Registry.Model;

namespace Gardefou.Registry.Features.Search;

internal sealed partial class SiteIndex
{
    /// <summary>
    /// Sites within the radius that match the filters, nearest first. The cells the radius touches are scanned
    /// into a pooled array of (distance, site) for the sites that pass the cheap tests (offers, access, distance),
    /// which is then heap-ordered; only the nearest are summarized and the rest never allocate, so a query in
    /// the middle of a city with thousands of sites in reach costs little more than its answer.
    /// </summary>
    public List<SearchHit> Search(SearchQuery query, DateTimeOffset now, FreshnessPolicy freshness)
    {
        var latSpan = query.RadiusKm / GeoMath.KmPerDegreeLatitude;
        // Near the poles a radius spans every longitude; clamp the cosine so the cell range stays finite.
        var cos = Math.Max(0.01, Math.Cos(double.DegreesToRadians(Math.Min(89.9, Math.Abs(query.Latitude) + latSpan))));
        var lonSpan = Math.Min(180, latSpan / cos);
        var latMin = CellIndex(query.Latitude - latSpan);
        var latMax = CellIndex(query.Latitude + latSpan);
        var lonMin = CellIndex(query.Longitude - lonSpan);
        var lonMax = CellIndex(query.Longitude + lonSpan);
        var cellsAround = (int)Math.Round(360 / CellDegrees);
        var wanted = 0;
        for (var code = 0; code < ResourceType.Count; code++)
        {
            wanted |= query.Matches(ResourceType.FromCode(code)) ? 1 << code : 0;
        }
        var access = (query.Wheelchair ? GridEntry.AccessWheelchair : 0) | (query.WalkIn ? GridEntry.AccessWalkIn : 0)
            | (query.DriveThrough ? GridEntry.AccessDriveThrough : 0);
        var queryCos = GeoMath.CosLatitude(query.Latitude);
        var bound = GeoMath.HaversineBound(query.RadiusKm);
        var candidates = ArrayPool<Candidate>.Shared.Rent(256);
        var count = 0;
        try
        {
            _lock.EnterReadLock();
            try
            {
                for (var i = latMin; i <= latMax; i++)
                {
                    // Longitudes wrap at the antimeridian; a wide radius must not visit a column twice.
                    for (var j = lonMin; j <= Math.Min(lonMax, lonMin + cellsAround - 1); j++)
                    {
                        var wrapped = ((j % cellsAround) + (cellsAround * 3 / 2)) % cellsAround - (cellsAround / 2);
                        if (!_cells.TryGetValue(Pack(i, wrapped), out var cell))
                        {
                            continue;
                        }
                        foreach (ref readonly var entry in cell.AsSpan())
                        {
                            if ((entry.Offers & wanted) == 0 || (entry.Access & access) != access)
                            {
                                continue;
                            }
                            var a = GeoMath.Haversine(query.Latitude, query.Longitude, queryCos, entry.Latitude, entry.Longitude, entry.CosLatitude);
                            if (a > bound)
                            {
                                continue;
                            }
                            var distance = GeoMath.DistanceKm(a);
                            if (distance > query.RadiusKm)
                            {
                                continue;
                            }
                            if (count == candidates.Length)
                            {
                                var grown = ArrayPool<Candidate>.Shared.Rent(count * 2);
                                candidates.AsSpan(0, count).CopyTo(grown);
                                ArrayPool<Candidate>.Shared.Return(candidates, clearArray: true);
                                candidates = grown;
                            }
                            candidates[count++] = new Candidate(distance, entry.Site);
                        }
                    }
                }
            }
            finally
            {
                _lock.ExitReadLock();
            }
            return Nearest(candidates.AsSpan(0, count), query, now, freshness);
        }
        finally
        {
            // Cleared so the pool does not keep sites alive after they leave the index.
            ArrayPool<Candidate>.Shared.Return(candidates, clearArray: true);
        }
    }

    /// <summary>Pops candidates nearest first (ties by id, as the scan sorts) until the limit of matches is reached.</summary>
    private static List<SearchHit> Nearest(Span<Candidate> heap, SearchQuery query, DateTimeOffset now, FreshnessPolicy freshness)
    {
        var hits = new List<SearchHit>(Math.Min(query.Limit, heap.Length));
        for (var i = (heap.Length / 2) - 1; i >= 0; i--)
        {
            SiftDown(heap, i);
        }
        var size = heap.Length;
        while (size > 0 && hits.Count < query.Limit)
        {
            var top = heap[0];
            heap[0] = heap[--size];
            SiftDown(heap[..size], 0);
            var site = top.Site;
            if (query.Language is { } language && !Speaks(site.Info, language))
            {
                continue;
            }
            if (Summarize(site, query, now, freshness, top.Distance) is { } hit && Wanted(hit, query))
            {
                hits.Add(hit);
            }
        }
        return hits;
    }

    private static void SiftDown(Span<Candidate> heap, int at)
    {
        while (true)
        {
            var smallest = at;
            var left = (2 * at) + 1;
            var right = left + 1;
            if (left < heap.Length && heap[left].IsBefore(heap[smallest]))
            {
                smallest = left;
            }
            if (right < heap.Length && heap[right].IsBefore(heap[smallest]))
            {
                smallest = right;
            }
            if (smallest == at)
            {
                return;
            }
            (heap[at], heap[smallest]) = (heap[smallest], heap[at]);
            at = smallest;
        }
    }

    private static bool Speaks(SiteInfo info, string language)
    {
        for (var i = 0; i < info.Languages.Count; i++)
        {
            if (string.Equals(info.Languages[i], language, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Wanted(SearchHit hit, SearchQuery query)
    {
        if (query.OpenNow && hit.OpenNow != true)
        {
            return false;
        }
        if (!query.AvailableNow)
        {
            return true;
        }
        if (hit.Stale)
        {
            return false;
        }
        for (var i = 0; i < hit.Resources.Count; i++)
        {
            if (hit.Resources[i].HasSome)
            {
                return true;
            }
        }
        return false;
    }

    private readonly record struct Candidate(double Distance, IndexedSite Site)
    {
        public bool IsBefore(Candidate other) =>
            Distance < other.Distance || (Distance == other.Distance && string.CompareOrdinal(Site.Info.Id, other.Site.Info.Id) < 0);
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
        var offers = site.Info.Offers;
        for (var i = 0; i < offers.Count; i++)
        {
            var type = offers[i];
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
            return SearchHit.Unreported(site, distance, typeName, open);
        }
        var resources = new List<CapacitySnapshot>(chosen.Count);
        for (var i = 0; i < offers.Count; i++)
        {
            var type = offers[i];
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
        return new SearchHit(site, distance, typeName, chosen.Available, band, CheckedAt: chosen.OldestCheck, Source: chosen.Newest!.Source,
            Stale: isStale, OpenNow: open, Resources: resources);
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
