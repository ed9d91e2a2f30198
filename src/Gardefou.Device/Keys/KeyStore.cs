using Gardefou.Device.Storage;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Device.Keys;

/// <summary>
/// The phone's own Temporary Exposure Keys: one per UTC day (rolling start at UTC midnight), created on first use,
/// kept for <see cref="Retention"/> after the end of their validity and then erased. On a positive test the key in
/// use is cut short and released with the past keys, and a new key takes over for the rest of the day.
/// </summary>
public sealed class KeyStore
{
    /// <summary>How long a key is kept after its validity ended.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private readonly PhoneStorage _storage;
    private readonly TimeProvider _clock;

    internal KeyStore(PhoneStorage storage, TimeProvider clock)
    {
        _storage = storage;
        _clock = clock;
    }

    /// <summary>The key in use now, created if the phone has none for the current interval.</summary>
    public Task<DeviceKey> GetOrCreateCurrentKeyAsync(CancellationToken ct = default) =>
        GetOrCreateKeyAsync(EnIntervalNumber.Now(_clock), ct);

    /// <summary>
    /// The key in use at <paramref name="interval"/>; when there is none (the phone was not running then), a fresh
    /// key filling that part of the day is created. Intervals in the future or older than the retention are refused.
    /// </summary>
    public async Task<DeviceKey> GetOrCreateKeyAsync(EnIntervalNumber interval, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        if (interval > EnIntervalNumber.FromTime(now))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "A key cannot be created for a future interval.");
        }
        if (interval.StartTime + TimeSpan.FromMinutes(10) < now - Retention)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "Keys older than the retention period no longer exist.");
        }

        await using var db = _storage.Open();
        var dayStart = interval.DayStart.Value;
        var sameDay = await db.Keys
            .Where(k => k.RollingStart >= dayStart && k.RollingStart < dayStart + EnIntervalNumber.IntervalsPerDay)
            .ToListAsync(ct);
        foreach (var record in sameDay)
        {
            var key = ToDeviceKey(record);
            if (key.Validity.Contains(interval))
            {
                return key;
            }
        }

        var validity = KeyTimeline.GapAround(interval, sameDay.Select(r => ToDeviceKey(r).Validity));
        var created = new DeviceKey(TemporaryExposureKey.Generate(), validity);
        db.Keys.Add(ToRecord(created));
        await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>Every key still kept, oldest first.</summary>
    public async Task<IReadOnlyList<DeviceKey>> GetKeysAsync(CancellationToken ct = default)
    {
        await using var db = _storage.Open();
        var records = await db.Keys.AsNoTracking().OrderBy(k => k.RollingStart).ToListAsync(ct);
        return [.. records.Select(ToDeviceKey)];
    }

    /// <summary>
    /// Same-day release: cuts the key in use short at the current interval, marks it and every older key as released,
    /// starts a successor for the rest of the day and returns the released keys (oldest first) for upload.
    /// Runs in one transaction, so a crash loses no key.
    /// </summary>
    public async Task<IReadOnlyList<DeviceKey>> ReleaseAsync(CancellationToken ct = default)
    {
        var current = await GetOrCreateCurrentKeyAsync(ct);
        var now = EnIntervalNumber.Now(_clock);
        var (released, successor) = KeyTimeline.CutAt(current.Validity, now);

        await using var db = _storage.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var start = current.Validity.RollingStart.Value;
        var record = await db.Keys.SingleAsync(k => k.RollingStart == start, ct);
        record.RollingPeriod = released.RollingPeriod;
        foreach (var older in await db.Keys.Where(k => k.RollingStart <= start).ToListAsync(ct))
        {
            older.Released = true;
        }
        if (successor is { } next)
        {
            db.Keys.Add(ToRecord(new DeviceKey(TemporaryExposureKey.Generate(), next)));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var all = await db.Keys.AsNoTracking().Where(k => k.Released).OrderBy(k => k.RollingStart).ToListAsync(ct);
        return [.. all.Select(ToDeviceKey)];
    }

    /// <summary>Erases keys whose validity ended more than <see cref="Retention"/> ago; returns how many.</summary>
    public async Task<int> EraseExpiredAsync(CancellationToken ct = default)
    {
        var oldestKeptEnd = EnIntervalNumber.FromTime(_clock.GetUtcNow() - Retention).Value;
        return await PlainSql.ExecuteAsync(_storage, "DELETE FROM keys WHERE RollingStart + RollingPeriod <= $p0", ct, oldestKeptEnd);
    }

    private static DeviceKey ToDeviceKey(KeyRecord record) =>
        new(TemporaryExposureKey.FromBytes(record.KeyData), new KeyValidity(new EnIntervalNumber(record.RollingStart), record.RollingPeriod));

    private static KeyRecord ToRecord(DeviceKey key) => new()
    {
        KeyData = key.Key.ToArray(),
        RollingStart = key.Validity.RollingStart.Value,
        RollingPeriod = key.Validity.RollingPeriod,
    };
}
