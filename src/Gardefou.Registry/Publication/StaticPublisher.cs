using System.Collections.Concurrent;
using Gardefou.Registry.Features.Search;
using Gardefou.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Registry.Publication;

/// <summary>
/// Keeps <c>&lt;data&gt;/registry-static/</c> in step with the index: a change marks its tile dirty, and the dirty
/// tiles are rewritten together <c>PublishDebounce</c> after the first change (each from its sites' cached JSON,
/// re-serializing only the sites that changed); the national files (GeoJSON, SMART, HSDS) follow at most every
/// <see cref="NationalInterval"/> on their own task, since each holds every site.
/// </summary>
internal sealed partial class StaticPublisher : BackgroundService
{
    private readonly RegistryState _state;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<StaticPublisher> _logger;
    private readonly TimeSpan _debounce;
    private readonly ConcurrentDictionary<TileKey, byte> _dirtyTiles = new();
    private readonly SemaphoreSlim _changed = new(0, int.MaxValue);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly SemaphoreSlim _writingNational = new(1, 1);
    private readonly SemaphoreSlim _signerLoading = new(1, 1);
    private readonly ConcurrentDictionary<string, PublishedFile> _files = new(StringComparer.Ordinal);
    private FileSigner? _signer;
    private volatile bool _nationalDirty = true;
    private DateTimeOffset _lastNational = DateTimeOffset.MinValue;

    public StaticPublisher(RegistryState state, RegistryStorage storage, IServiceScopeFactory scopes, TimeProvider time,
        IOptions<RegistryOptions> options, ILogger<StaticPublisher> logger)
    {
        _state = state;
        _scopes = scopes;
        _time = time;
        _logger = logger;
        _debounce = options.Value.PublishDebounce;
        Directory = storage.StaticDirectory;
        _state.Index.TileChanged += MarkDirty;
    }

    public string Directory { get; }

    public TimeSpan NationalInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Number of tile files written since start (the benchmark reports it).</summary>
    public long TilesWritten => Interlocked.Read(ref _tilesWritten);

    private long _tilesWritten;
    private long _tileFlushes;
    private long _publishedThrough;

    /// <summary>Number of tile flushes since start.</summary>
    public long TileFlushes => Interlocked.Read(ref _tileFlushes);

    /// <summary>Every index change up to this <see cref="SiteIndex.ChangeSequence"/> is in the published tiles.</summary>
    public long PublishedThrough => Volatile.Read(ref _publishedThrough);

    public bool TryGetFile(string path, out PublishedFile file) => _files.TryGetValue(path, out file!);

    private void MarkDirty(TileKey tile)
    {
        _dirtyTiles[tile] = 0;
        _nationalDirty = true;
        _changed.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Task national = Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _changed.WaitAsync(stoppingToken);
                // Coalesce: every change within one interval lands in one flush of the tiles it touched, so a
                // busy tile is rewritten once per interval whatever the number of updates to it.
                await Task.Delay(_debounce, _time, stoppingToken);
                while (_changed.CurrentCount > 0 && _changed.Wait(0))
                {
                }
                await FlushTilesAsync(stoppingToken);
                // The national files hold every site and take seconds: they are written beside the tile flushes,
                // never in their way, at most every NationalInterval.
                if (national.IsCompleted && _nationalDirty && _time.GetUtcNow() - _lastNational >= NationalInterval)
                {
                    national = Task.Run(() => FlushNationalAsync(force: false, stoppingToken), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.PublishFailed(_logger, e);
            }
        }
        try
        {
            await national;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Rewrites the dirty tiles now, and the national files when due (or when forced).</summary>
    public async Task FlushAsync(CancellationToken ct, bool forceNational = false)
    {
        await FlushTilesAsync(ct);
        await FlushNationalAsync(forceNational, ct);
    }

    /// <summary>Rewrites the tiles changed since the last flush, then the tile index.</summary>
    internal async Task FlushTilesAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            var signer = await SignerAsync(ct);
            // Read before the dirty set: every change up to here has already marked its tile (SiteIndex.ChangeSequence).
            var through = _state.Index.ChangeSequence;
            var tiles = _dirtyTiles.Keys.ToList();
            foreach (var tile in tiles)
            {
                _dirtyTiles.TryRemove(tile, out _);
                try
                {
                    WriteTile(tile, signer);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Not written: stays dirty for the next flush (the loop logs the failure).
                    _dirtyTiles[tile] = 0;
                    throw;
                }
            }
            if (tiles.Count > 0 || !_files.ContainsKey("tiles/index.json"))
            {
                WriteTileIndex(signer, _time.GetUtcNow());
            }
            Interlocked.Increment(ref _tileFlushes);
            Volatile.Write(ref _publishedThrough, through);
        }
        finally
        {
            _writing.Release();
        }
    }

    internal async Task FlushNationalAsync(bool force, CancellationToken ct)
    {
        await _writingNational.WaitAsync(ct);
        try
        {
            var now = _time.GetUtcNow();
            if (force || (_nationalDirty && now - _lastNational >= NationalInterval))
            {
                var signer = await SignerAsync(ct);
                _nationalDirty = false;
                _lastNational = now;
                WriteNationalFiles(signer, now);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _nationalDirty = true;
            Log.PublishFailed(_logger, e);
        }
        finally
        {
            _writingNational.Release();
        }
    }

    /// <summary>Writes every file from scratch (at start, and to measure a full rebuild).</summary>
    public async Task PublishAllAsync(CancellationToken ct)
    {
        MarkAllTilesDirty();
        await FlushAsync(ct, forceNational: true);
    }

    internal void MarkAllTilesDirty()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "tiles"));
        foreach (var site in _state.Index.Snapshot())
        {
            _dirtyTiles[TileKey.Of(site.Info.Latitude, site.Info.Longitude)] = 0;
        }
    }

    private async Task<FileSigner> SignerAsync(CancellationToken ct)
    {
        if (_signer is not null)
        {
            return _signer;
        }
        // Tiles and national files may both ask first: one key only.
        await _signerLoading.WaitAsync(ct);
        try
        {
            if (_signer is not null)
            {
                return _signer;
            }
            await using var scope = _scopes.CreateAsyncScope();
            _signer = await FileSigner.LoadOrCreateAsync(scope.ServiceProvider.GetRequiredService<RegistryDbContext>(), _time.GetUtcNow(), ct);
            Write("public-key.pem", System.Text.Encoding.ASCII.GetBytes(_signer.PublicKeyPem), signer: null);
            return _signer;
        }
        finally
        {
            _signerLoading.Release();
        }
    }

    public override void Dispose()
    {
        _state.Index.TileChanged -= MarkDirty;
        _signer?.Dispose();
        _changed.Dispose();
        _writing.Dispose();
        _writingNational.Dispose();
        _signerLoading.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Static publication failed; will retry on the next change")]
        public static partial void PublishFailed(ILogger logger, Exception exception);
    }
}
