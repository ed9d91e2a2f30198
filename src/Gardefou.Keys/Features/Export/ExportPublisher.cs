using Gardefou.Keys.Storage;
using Gardefou.Protocol.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gardefou.Keys.Features.Export;

/// <summary>
/// Exports closed windows of each series. A window is claimed by inserting its batch row inside a transaction
/// that, on PostgreSQL, also holds an advisory lock: two instances sharing one database never publish it twice.
/// </summary>
public sealed partial class ExportPublisher
{
    private const long AdvisoryLockId = 7242002;

    private readonly KeysDbContext _db;
    private readonly KeysStorage _storage;
    private readonly KeysSecrets _secrets;
    private readonly KeysOptions _options;
    private readonly ILogger<ExportPublisher> _logger;
    private readonly WriteGate _writes;

    public ExportPublisher(KeysDbContext db, KeysStorage storage, KeysSecrets secrets, KeysOptions options, WriteGate writes, ILogger<ExportPublisher> logger)
    {
        _writes = writes;
        _db = db;
        _storage = storage;
        _secrets = secrets;
        _options = options;
        _logger = logger;
    }

    /// <summary>Exports the last closed window of every series if it has keys and nobody exported it yet; returns the files written.</summary>
    public async Task<int> ExportDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var files = 0;
        foreach (var series in ExportSeries.All)
        {
            if (series.IsEnabled(_options))
            {
                files += await ExportSeriesAsync(series, now, ct);
            }
        }
        return files;
    }

    /// <summary>The last window of length <paramref name="period"/> (aligned to the Unix epoch) that has closed at <paramref name="now"/>.</summary>
    public static (long Start, long End) LastClosedWindow(TimeSpan period, DateTimeOffset now)
    {
        var length = Math.Max(1, (long)period.TotalSeconds);
        var end = now.ToUnixTimeSeconds() / length * length;
        return (end - length, end);
    }

    private async Task<int> ExportSeriesAsync(ExportSeries series, DateTimeOffset now, CancellationToken ct)
    {
        var (start, end) = LastClosedWindow(series.WindowLength(_options), now);
        var name = series.Name;
        if (start < 0 || await _db.ExportBatches.AnyAsync(b => b.Series == name && b.WindowStart == start, ct))
        {
            return 0;
        }
        if (!await Pending(series, end).AnyAsync(ct) && !await PendingRevisions(series).AnyAsync(ct))
        {
            return 0;
        }

        using var turn = await _writes.EnterAsync(ct);
        await using var transaction = await _db.Database.BeginTransactionAsync(ct);
        if (_storage.UsesPostgres)
        {
            await _db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockId})", ct);
        }
        if (await _db.ExportBatches.AnyAsync(b => b.Series == name && b.WindowStart == start, ct))
        {
            Log.ExportAlreadyClaimed(_logger, name, DateTimeOffset.FromUnixTimeSeconds(start));
            return 0;
        }
        var batch = new ExportBatchRow { Series = name, WindowStart = start, WindowEnd = end };
        _db.ExportBatches.Add(batch);
        await _db.SaveChangesAsync(ct);

        var (keys, revised) = await ClaimAsync(series, batch.Id, end, ct);
        var windowStart = DateTimeOffset.FromUnixTimeSeconds(start);
        var windowEnd = DateTimeOffset.FromUnixTimeSeconds(end);
        var signing = new ExportSigningKey(new SignatureInfo(_options.SigningKeyId, _options.SigningKeyVersion), _secrets.ExportSigningKey);
        var result = ExportBuilder.Build(series, windowStart, windowEnd, keys, revised, signing, _options, ct);
        foreach (var file in result.Files)
        {
            // The bytes commit with the row that lists them: every instance on this database can serve what the index lists.
            _db.ExportFiles.Add(new ExportFileRow { BatchId = batch.Id, Series = name, Path = file.Path, WindowEnd = end, KeyCount = keys.Count + result.PaddingKeys });
            _db.ExportFileContents.Add(new ExportFileContentRow { Path = file.Path, Content = file.Content });
        }
        batch.KeyCount = keys.Count;
        batch.RevisedKeyCount = revised.Count;
        await _db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Log.Exported(_logger, name, windowStart, windowEnd, result.Files.Count);
        return result.Files.Count;
    }
}
