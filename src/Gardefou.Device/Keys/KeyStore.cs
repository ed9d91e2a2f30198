using Gardefou.Device.Storage;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;
using Microsoft.Data.Sqlite;

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

        await using var connection = await _storage.OpenConnectionAsync(ct);
        await using var transaction = connection.BeginTransaction();
        var dayStart = interval.DayStart.Value;
        var sameDay = await ReadAsync(transaction, "WHERE RollingStart >= $p0 AND RollingStart < $p1", ct, dayStart, dayStart + EnIntervalNumber.IntervalsPerDay);
        foreach (var key in sameDay)
        {
            if (key.Validity.Contains(interval))
            {
                return key;
            }
        }

        var validity = KeyTimeline.GapAround(interval, sameDay.Select(k => k.Validity));
        var created = new DeviceKey(TemporaryExposureKey.Generate(), validity);
        await InsertAsync(transaction, created, ct);
        await transaction.CommitAsync(ct);
        return created;
    }

    /// <summary>Every key still kept, oldest first.</summary>
    public async Task<IReadOnlyList<DeviceKey>> GetKeysAsync(CancellationToken ct = default)
    {
        await using var connection = await _storage.OpenConnectionAsync(ct);
        await using var transaction = connection.BeginTransaction();
        return await ReadAsync(transaction, "", ct);
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

        await using var connection = await _storage.OpenConnectionAsync(ct);
        await using var transaction = connection.BeginTransaction();
        var start = current.Validity.RollingStart.Value;
        await PlainSql.ExecuteAsync(transaction, "UPDATE keys SET RollingPeriod = $p1 WHERE RollingStart = $p0", ct, start, released.RollingPeriod);
        await PlainSql.ExecuteAsync(transaction, "UPDATE keys SET Released = 1 WHERE RollingStart <= $p0", ct, start);
        if (successor is { } next)
        {
            await InsertAsync(transaction, new DeviceKey(TemporaryExposureKey.Generate(), next), ct);
        }
        var all = await ReadAsync(transaction, "WHERE Released = 1", ct);
        await transaction.CommitAsync(ct);
        return all;
    }

    /// <summary>Erases keys whose validity ended more than <see cref="Retention"/> ago; returns how many.</summary>
    public async Task<int> EraseExpiredAsync(CancellationToken ct = default)
    {
        var oldestKeptEnd = EnIntervalNumber.FromTime(_clock.GetUtcNow() - Retention).Value;
        return await PlainSql.ExecuteAsync(_storage, "DELETE FROM keys WHERE RollingStart + RollingPeriod <= $p0", ct, oldestKeptEnd);
    }

    /// <summary>The keys matching <paramref name="where"/> (parameters <c>$p0</c>…), oldest first.</summary>
    private static async Task<List<DeviceKey>> ReadAsync(SqliteTransaction transaction, string where, CancellationToken ct, params object[] parameters)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT KeyData, RollingStart, RollingPeriod FROM keys {where} ORDER BY RollingStart";
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i, parameters[i]);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<DeviceKey>();
        while (await reader.ReadAsync(ct))
        {
            keys.Add(new DeviceKey(
                TemporaryExposureKey.FromBytes(reader.GetFieldValue<byte[]>(0)),
                new KeyValidity(new EnIntervalNumber(reader.GetInt32(1)), reader.GetInt32(2))));
        }
        return keys;
    }

    private static Task<int> InsertAsync(SqliteTransaction transaction, DeviceKey key, CancellationToken ct) =>
        PlainSql.ExecuteAsync(transaction, "INSERT INTO keys (KeyData, RollingStart, RollingPeriod, Released) VALUES ($p0, $p1, $p2, 0)", ct,
            key.Key.ToArray(), key.Validity.RollingStart.Value, key.Validity.RollingPeriod);
}
