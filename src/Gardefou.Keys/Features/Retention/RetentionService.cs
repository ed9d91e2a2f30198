using Gardefou.Keys.Features.Export;
using Gardefou.Keys.Storage;
using Gardefou.Protocol.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gardefou.Keys.Features.Retention;

/// <summary>
/// Deletes what the service may no longer keep: keys published, or keys whose validity ended, more than the
/// retention ago (14 days at most), the export files of windows that old, and after the sunset date everything.
/// A file's bytes go first: the index lists only files whose bytes are stored, so a client never sees a listed file
/// that is gone.
/// </summary>
public sealed class RetentionService
{
    private readonly KeysDbContext _db;
    private readonly KeysStorage _storage;
    private readonly KeysOptions _options;
    private readonly ILogger<RetentionService> _logger;
    private readonly WriteGate _writes;

    public RetentionService(KeysDbContext db, KeysStorage storage, KeysOptions options, WriteGate writes, ILogger<RetentionService> logger)
    {
        _writes = writes;
        _db = db;
        _storage = storage;
        _options = options;
        _logger = logger;
    }

    /// <summary>Whether the sunset date has passed at <paramref name="now"/>.</summary>
    public static bool IsSunset(KeysOptions options, DateTimeOffset now) => options.SunsetDate is { } sunset && now >= sunset;

    /// <summary>Applies retention (or the sunset) at <paramref name="now"/>; returns how many keys and files were deleted.</summary>
    public async Task<(int Keys, int Files)> ApplyAsync(DateTimeOffset now, CancellationToken ct)
    {
        var sunset = IsSunset(_options, now);
        var cutoff = sunset ? long.MaxValue : (now - _options.EffectiveRetention).ToUnixTimeSeconds();
        var cutoffInterval = sunset ? int.MaxValue : EnIntervalNumber.FromTime(DateTimeOffset.FromUnixTimeSeconds(cutoff)).Value;

        using var turn = await _writes.EnterAsync(ct);
        var keys = await _db.DiagnosisKeys
            .Where(k => k.CreatedHour < cutoff || k.RollingStart + k.RollingPeriod < cutoffInterval)
            .ExecuteDeleteAsync(ct);

        var oldFiles = await _db.ExportFiles.AsNoTracking().Where(f => f.WindowEnd < cutoff).Select(f => f.Path).ToListAsync(ct);
        if (oldFiles.Count > 0 || sunset)
        {
            await _db.ExportFileContents
                .Where(c => sunset || _db.ExportFiles.Any(f => f.Path == c.Path && f.WindowEnd < cutoff))
                .ExecuteDeleteAsync(ct);
            await _db.ExportFiles.Where(f => f.WindowEnd < cutoff).ExecuteDeleteAsync(ct);
            await _db.ExportBatches.Where(b => b.WindowEnd < cutoff).ExecuteDeleteAsync(ct);
            foreach (var path in oldFiles)
            {
                // A copy an older version kept in the instance's folder (see KeysSchemaUpgrade).
                var legacy = ExportLayout.Resolve(_storage.ExportDirectory, path);
                if (File.Exists(legacy))
                {
                    File.Delete(legacy);
                }
            }
        }
        if (sunset)
        {
            SweepExportDirectory();
            Log.Sunset(_logger, _options.SunsetDate!.Value);
        }
        else if (keys > 0 || oldFiles.Count > 0)
        {
            Log.RetentionDeleted(_logger, keys, oldFiles.Count, DateTimeOffset.FromUnixTimeSeconds(cutoff));
        }
        return (keys, oldFiles.Count);
    }

    /// <summary>After the sunset no zip may remain on disk either, not even one an older version left in the instance's folder.</summary>
    private void SweepExportDirectory()
    {
        foreach (var series in ExportSeries.All)
        {
            var directory = Path.Combine(_storage.ExportDirectory, series.Name);
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.EnumerateFiles(directory, "*.zip"))
                {
                    File.Delete(file);
                }
            }
        }
    }
}
