namespace Gardefou.Registry.Search;

/// <summary>
/// All sites in memory on a 0.05° grid: a near-me query reads only the cells that its radius touches.
/// Readers share a lock; capacity updates swap one immutable slot and touch no cell, so they are cheap.
/// </summary>
internal sealed partial class SiteIndex
{
    internal const double CellDegrees = TileKey.SizeDegrees / TileKey.CellsPerSide;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, IndexedSite> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<IndexedSite>> _cells = [];

    /// <summary>Raised after a change, with the tile that holds the changed site (both tiles on a move).</summary>
    public event Action<TileKey>? TileChanged;

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _byId.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public bool TryGet(string id, out IndexedSite site)
    {
        _lock.EnterReadLock();
        try
        {
            return _byId.TryGetValue(id, out site!);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Adds a site or replaces its description, moving it between cells when its point changed.</summary>
    public IndexedSite Upsert(SiteInfo info)
    {
        TileKey? oldTile = null;
        IndexedSite site;
        _lock.EnterWriteLock();
        try
        {
            if (_byId.TryGetValue(info.Id, out site!))
            {
                oldTile = TileKey.Of(site.Info.Latitude, site.Info.Longitude);
                var oldCell = CellOf(site.Info.Latitude, site.Info.Longitude);
                var newCell = CellOf(info.Latitude, info.Longitude);
                if (oldCell != newCell)
                {
                    _cells[oldCell].Remove(site);
                    AddToCell(newCell, site);
                }
                site.Info = info;
            }
            else
            {
                site = new IndexedSite(info);
                _byId.Add(info.Id, site);
                AddToCell(CellOf(info.Latitude, info.Longitude), site);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
        var newTile = TileKey.Of(info.Latitude, info.Longitude);
        if (oldTile is { } old && old != newTile)
        {
            TileChanged?.Invoke(old);
        }
        TileChanged?.Invoke(newTile);
        return site;
    }

    /// <summary>Replaces the current report of one resource; returns false when the site is unknown.</summary>
    public bool SetCapacity(string siteId, CapacitySnapshot snapshot)
    {
        if (!TryGet(siteId, out var site))
        {
            return false;
        }
        Volatile.Write(ref site.Capacity[snapshot.Type.Code], snapshot);
        TileChanged?.Invoke(TileKey.Of(site.Info.Latitude, site.Info.Longitude));
        return true;
    }

    /// <summary>A copy of every site, for publication and baselines.</summary>
    public IndexedSite[] Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            return [.. _byId.Values];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The sites of one publication tile (a block of grid cells).</summary>
    public List<IndexedSite> SitesInTile(TileKey tile)
    {
        var result = new List<IndexedSite>();
        const int perTile = TileKey.CellsPerSide;
        _lock.EnterReadLock();
        try
        {
            for (var i = 0; i < perTile; i++)
            {
                for (var j = 0; j < perTile; j++)
                {
                    if (_cells.TryGetValue(Pack((tile.Lat * perTile) + i, (tile.Lon * perTile) + j), out var cell))
                    {
                        result.AddRange(cell);
                    }
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
        return result;
    }

    private void AddToCell(long cell, IndexedSite site)
    {
        if (!_cells.TryGetValue(cell, out var list))
        {
            _cells[cell] = list = [];
        }
        list.Add(site);
    }

    private static long CellOf(double latitude, double longitude) => Pack(CellIndex(latitude), CellIndex(longitude));

    /// <summary>The grid row or column of a coordinate; tiles are derived from it so a site's cell and tile always agree.</summary>
    internal static int CellIndex(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    private static long Pack(int latCell, int lonCell) => unchecked(((long)latCell << 32) | (uint)lonCell);
}
