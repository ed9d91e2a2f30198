namespace Gardefou.Registry.Features.Search;

/// <summary>
/// All sites in memory on a 0.05° grid: a near-me query reads only the cells that its radius touches. Each cell is
/// an immutable array of <see cref="GridEntry"/>, replaced whole (copy on write) when a site is added, moved or
/// edited; capacity updates swap one immutable slot of the site and touch no cell. Readers share a lock that
/// writers hold only for the swap of a cell array.
/// </summary>
internal sealed partial class SiteIndex
{
    internal const double CellDegrees = TileKey.SizeDegrees / TileKey.CellsPerSide;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, IndexedSite> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, GridEntry[]> _cells = [];
    private long _changeSequence;

    /// <summary>Raised after a change, with the tile that holds the changed site (both tiles on a move).</summary>
    public event Action<TileKey>? TileChanged;

    /// <summary>
    /// Counts changes. It moves only after <see cref="TileChanged"/> was raised for the change, so a reader that
    /// sees sequence N and then rewrites the dirty tiles has published every change up to N.
    /// </summary>
    public long ChangeSequence => Interlocked.Read(ref _changeSequence);

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
                RemoveFromCell(CellOf(site.Info.Latitude, site.Info.Longitude), site);
                site.Info = info;
            }
            else
            {
                site = new IndexedSite(info);
                _byId.Add(info.Id, site);
            }
            // The entry copies the point, offers and access of this description: it is rebuilt on every edit.
            AddToCell(CellOf(info.Latitude, info.Longitude), new GridEntry(site));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
        Interlocked.Increment(ref site.Version);
        var newTile = TileKey.Of(info.Latitude, info.Longitude);
        if (oldTile is { } old && old != newTile)
        {
            TileChanged?.Invoke(old);
        }
        TileChanged?.Invoke(newTile);
        Interlocked.Increment(ref _changeSequence);
        return site;
    }

    /// <summary>
    /// Loads many sites and their current reports at once (at start): each cell array is built once instead of
    /// growing by one copy per site. Raises no <see cref="TileChanged"/>: the caller publishes everything after.
    /// Sites already present are upserted one by one.
    /// </summary>
    public void Load(IEnumerable<SiteInfo> sites, IEnumerable<(string SiteId, CapacitySnapshot Snapshot)> reports)
    {
        var grouped = new Dictionary<long, List<GridEntry>>();
        _lock.EnterWriteLock();
        try
        {
            foreach (var info in sites)
            {
                if (_byId.ContainsKey(info.Id))
                {
                    _lock.ExitWriteLock();
                    try
                    {
                        Upsert(info);
                    }
                    finally
                    {
                        _lock.EnterWriteLock();
                    }
                    continue;
                }
                var site = new IndexedSite(info);
                _byId.Add(info.Id, site);
                var key = CellOf(info.Latitude, info.Longitude);
                if (!grouped.TryGetValue(key, out var list))
                {
                    grouped[key] = list = [];
                }
                list.Add(new GridEntry(site));
            }
            foreach (var (key, list) in grouped)
            {
                _cells[key] = _cells.TryGetValue(key, out var existing) ? [.. existing, .. list] : [.. list];
            }
            foreach (var (siteId, snapshot) in reports)
            {
                if (_byId.TryGetValue(siteId, out var site))
                {
                    site.Capacity[snapshot.Type.Code] = snapshot;
                    site.Version++;
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
        Interlocked.Increment(ref _changeSequence);
    }

    /// <summary>Replaces the current report of one resource; returns false when the site is unknown.</summary>
    public bool SetCapacity(string siteId, CapacitySnapshot snapshot)
    {
        if (!TryGet(siteId, out var site))
        {
            return false;
        }
        Volatile.Write(ref site.Capacity[snapshot.Type.Code], snapshot);
        Interlocked.Increment(ref site.Version);
        TileChanged?.Invoke(TileKey.Of(site.Info.Latitude, site.Info.Longitude));
        Interlocked.Increment(ref _changeSequence);
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
                        foreach (var entry in cell)
                        {
                            result.Add(entry.Site);
                        }
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

    private void AddToCell(long cell, GridEntry entry)
    {
        if (_cells.TryGetValue(cell, out var old))
        {
            var grown = new GridEntry[old.Length + 1];
            old.CopyTo(grown, 0);
            grown[^1] = entry;
            _cells[cell] = grown;
        }
        else
        {
            _cells[cell] = [entry];
        }
    }

    private void RemoveFromCell(long cell, IndexedSite site)
    {
        var old = _cells[cell];
        var at = Array.FindIndex(old, e => ReferenceEquals(e.Site, site));
        if (old.Length == 1)
        {
            _cells.Remove(cell);
            return;
        }
        var shrunk = new GridEntry[old.Length - 1];
        Array.Copy(old, 0, shrunk, 0, at);
        Array.Copy(old, at + 1, shrunk, at, old.Length - at - 1);
        _cells[cell] = shrunk;
    }

    private static long CellOf(double latitude, double longitude) => Pack(CellIndex(latitude), CellIndex(longitude));

    /// <summary>The grid row or column of a coordinate; tiles are derived from it so a site's cell and tile always agree.</summary>
    internal static int CellIndex(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    private static long Pack(int latCell, int lonCell) => unchecked(((long)latCell << 32) | (uint)lonCell);
}
