using Gardefou.Device.Radio;
using Gardefou.Device.Storage;
using Gardefou.Protocol.Keys;
using Microsoft.Data.Sqlite;

namespace Gardefou.Device.Observations;

/// <summary>
/// What the phone heard: per scan and per identifier one scan instance (identifier, encrypted metadata, strongest and
/// mean calibrated RSSI, scan time, seconds since the previous scan), kept <see cref="Retention"/> and then erased.
/// The radio address, the place and anything about the sender beyond the broadcast itself are never stored.
/// </summary>
public sealed class ObservationStore
{
    /// <summary>How long observations are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private readonly PhoneStorage _storage;
    private readonly TimeProvider _clock;

    internal ObservationStore(PhoneStorage storage, TimeProvider clock)
    {
        _storage = storage;
        _clock = clock;
    }

    /// <summary>
    /// Aggregates the advertisements of one scan into one scan instance per identifier and stores them in one
    /// transaction. Returns the number of identifiers recorded.
    /// </summary>
    public async Task<int> RecordScanAsync(DateTimeOffset scanTime, int secondsSinceLastScan, IReadOnlyList<RadioReception> receptions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(receptions);
        ArgumentOutOfRangeException.ThrowIfNegative(secondsSinceLastScan);
        var instances = Aggregate(scanTime, secondsSinceLastScan, receptions);
        if (instances.Count == 0)
        {
            return 0;
        }
        await using var connection = await _storage.OpenConnectionAsync(ct);
        await using var transaction = connection.BeginTransaction();
        await using var insert = Insert(transaction);
        await InsertAsync(insert, instances, ct);
        await transaction.CommitAsync(ct);
        return instances.Count;
    }

    /// <summary>Records many scans in one transaction (a phone catching up after its scanner buffered them).</summary>
    public async Task<int> RecordScansAsync(IEnumerable<RecordedScan> scans, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scans);
        await using var connection = await _storage.OpenConnectionAsync(ct);
        await using var transaction = connection.BeginTransaction();
        await using var insert = Insert(transaction);
        var count = 0;
        foreach (var scan in scans)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(scan.SecondsSinceLastScan);
            var instances = Aggregate(scan.Time, scan.SecondsSinceLastScan, scan.Receptions);
            await InsertAsync(insert, instances, ct);
            count += instances.Count;
        }
        await transaction.CommitAsync(ct);
        return count;
    }

    /// <summary>Every stored scan instance, oldest first.</summary>
    public async Task<IReadOnlyList<Observation>> GetAllAsync(CancellationToken ct = default)
    {
        var set = await LoadAsync(ct);
        var observations = new Observation[set.Count];
        for (var i = 0; i < observations.Length; i++)
        {
            observations[i] = set[i];
        }
        return observations;
    }

    /// <summary>Every stored scan instance, oldest first, in the compact form of an exposure check.</summary>
    /// <remarks>
    /// Read on a plain connection, statement by statement through SQLite's own API: an exposure check loads every
    /// observation, and neither EF Core (see <see cref="PhoneStorage"/>) nor a data reader's two blob copies per row
    /// are worth their cost there; the identifiers are read straight from SQLite's row buffer.
    /// </remarks>
    internal async Task<ObservationSet> LoadAsync(CancellationToken ct)
    {
        await using var connection = await _storage.OpenConnectionAsync(ct);
        return SightingRows.ReadAll(connection.Handle!, ct);
    }

    /// <summary>Number of stored scan instances.</summary>
    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await _storage.OpenConnectionAsync(ct);
        return (await PlainSql.ListAsync<int>(connection, "SELECT COUNT(*) FROM sightings", ct))[0];
    }

    /// <summary>Erases observations older than <see cref="Retention"/>; returns how many.</summary>
    public async Task<int> EraseExpiredAsync(CancellationToken ct = default)
    {
        var oldest = (_clock.GetUtcNow() - Retention).ToUnixTimeSeconds();
        return await PlainSql.ExecuteAsync(_storage, "DELETE FROM sightings WHERE ScanTime < $p0", ct, oldest);
    }

    internal static List<SightingRecord> Aggregate(DateTimeOffset scanTime, int secondsSinceLastScan, IReadOnlyList<RadioReception> receptions)
    {
        var time = scanTime.ToUnixTimeSeconds();
        var instances = new List<SightingRecord>();
        foreach (var group in receptions.GroupBy(r => r.Rpi))
        {
            var first = group.First();
            instances.Add(new SightingRecord
            {
                Rpi = first.Rpi.Bytes.ToArray(),
                Aem = ToBytes(first.Aem),
                ScanTime = time,
                MaxRssi = group.Max(r => r.RssiDbm),
                MeanRssi = (int)Math.Round(group.Average(r => r.RssiDbm)),
                SecondsSinceLastScan = secondsSinceLastScan,
            });
        }
        return instances;
    }

    /// <summary>One prepared insert, run once per scan instance (parameters bound anew each time).</summary>
    private static SqliteCommand Insert(SqliteTransaction transaction)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO sightings (Rpi, Aem, ScanTime, MaxRssi, MeanRssi, SecondsSinceLastScan) VALUES ($rpi, $aem, $time, $max, $mean, $seconds)";
        foreach (var name in new[] { "$rpi", "$aem", "$time", "$max", "$mean", "$seconds" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    private static async Task InsertAsync(SqliteCommand insert, List<SightingRecord> instances, CancellationToken ct)
    {
        foreach (var instance in instances)
        {
            insert.Parameters[0].Value = instance.Rpi;
            insert.Parameters[1].Value = instance.Aem;
            insert.Parameters[2].Value = instance.ScanTime;
            insert.Parameters[3].Value = instance.MaxRssi;
            insert.Parameters[4].Value = instance.MeanRssi;
            insert.Parameters[5].Value = instance.SecondsSinceLastScan;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private static byte[] ToBytes(AssociatedEncryptedMetadata aem)
    {
        var bytes = new byte[AssociatedEncryptedMetadata.Size];
        aem.CopyTo(bytes);
        return bytes;
    }
}
