using System.Collections.Concurrent;
using Gardefou.Registry.Search;
using Gardefou.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gardefou.Registry.Publication;

/// <summary>
/// Keeps <c>&lt;data&gt;/registry-static/</c> in step with the index: a change marks its tile dirty, and after a
/// quiet time (debounce) the dirty tiles are rewritten; the national files (GeoJSON, SMART, HSDS) follow at most
/// every <see cref="NationalInterval"/>, since each holds every site.
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

    public bool TryGetFile(string path, out PublishedFile file) => _files.TryGetValue(path, out file!);

    /// <summary>Signer for tests and tools that must check signatures.</summary>
    public async Task<string> PublicKeyPemAsync(CancellationToken ct) => (await SignerAsync(ct)).PublicKeyPem;

    public void UseSigner(FileSigner signer) => _signer = signer;

    private void MarkDirty(TileKey tile)
    {
        _dirtyTiles[tile] = 0;
        _nationalDirty = true;
        _changed.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _changed.WaitAsync(stoppingToken);
                // Wait until the stream of changes pauses, but never more than ten quiet times: a busy registry
                // still publishes.
                var deadline = _time.GetUtcNow() + (_debounce * 10);
                while (_time.GetUtcNow() < deadline)
                {
                    await Task.Delay(_debounce, _time, stoppingToken);
                    var drained = false;
                    while (_changed.CurrentCount > 0 && _changed.Wait(0))
                    {
                        drained = true;
                    }
                    if (!drained)
                    {
                        break;
                    }
                }
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.PublishFailed(_logger, e);
            }
        }
    }

    /// <summary>Rewrites the dirty tiles now, and the national files when due.</summary>
    public async Task FlushAsync(CancellationToken ct, bool forceNational = false)
    {
        await _writing.WaitAsync(ct);
        try
        {
            var signer = await SignerAsync(ct);
            var tiles = _dirtyTiles.Keys.ToList();
            foreach (var tile in tiles)
            {
                _dirtyTiles.TryRemove(tile, out _);
                WriteTile(tile, signer);
            }
            var now = _time.GetUtcNow();
            if (tiles.Count > 0 || forceNational)
            {
                WriteTileIndex(signer, now);
            }
            if (forceNational || (_nationalDirty && now - _lastNational >= NationalInterval))
            {
                _nationalDirty = false;
                _lastNational = now;
                WriteNationalFiles(signer, now);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Writes every file from scratch (at start, and to measure a full rebuild).</summary>
    public async Task PublishAllAsync(CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "tiles"));
        foreach (var site in _state.Index.Snapshot())
        {
            _dirtyTiles[TileKey.Of(site.Info.Latitude, site.Info.Longitude)] = 0;
        }
        await FlushAsync(ct, forceNational: true);
    }

    private async Task<FileSigner> SignerAsync(CancellationToken ct)
    {
        if (_signer is null)
        {
            await using var scope = _scopes.CreateAsyncScope();
            _signer = await FileSigner.LoadOrCreateAsync(scope.ServiceProvider.GetRequiredService<RegistryDbContext>(), _time.GetUtcNow(), ct);
            Write("public-key.pem", System.Text.Encoding.ASCII.GetBytes(_signer.PublicKeyPem), signer: null);
        }
        return _signer;
    }

    public override void Dispose()
    {
        _state.Index.TileChanged -= MarkDirty;
        _signer?.Dispose();
        _changed.Dispose();
        _writing.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Static publication failed; will retry on the next change")]
        public static partial void PublishFailed(ILogger logger, Exception exception);
    }
}
