using Npgsql;
using NpgsqlTypes;

namespace Gardefou.Keys.Storage;

/// <summary>
/// PostgreSQL: every row of the group in one INSERT … SELECT FROM unnest(arrays), so a group costs one round trip
/// and one commit whatever its size.
/// </summary>
internal sealed class PostgresKeyRowInserter : KeyRowInserter
{
    private readonly NpgsqlDataSource _source;
    private readonly string _sql;

    public PostgresKeyRowInserter(KeysStorage storage)
    {
        _source = NpgsqlDataSource.Create(storage.PostgresConnectionString!);
        // The schema name is checked against [a-z_][a-z0-9_]* by KeysStorage, so it can be quoted into SQL.
        _sql = $"""
            INSERT INTO "{storage.Schema}"."diagnosis_keys" ("KeyData", "RollingStart", "RollingPeriod", "TransmissionRisk", "ReportType", "DaysSinceOnset", "Traveler", "CreatedHour", "PublishableFrom")
            SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """;
    }

    public override async Task InsertAsync(IReadOnlyList<DiagnosisKeyRow[]> uploads, CancellationToken ct)
    {
        var count = 0;
        foreach (var rows in uploads)
        {
            count += rows.Length;
        }
        var keys = new byte[count][];
        var starts = new int[count];
        var periods = new int[count];
        var risks = new int[count];
        var types = new int[count];
        var onsets = new int?[count];
        var travelers = new bool[count];
        var created = new long[count];
        var publishable = new long[count];
        var i = 0;
        foreach (var rows in uploads)
        {
            foreach (var row in rows)
            {
                keys[i] = row.KeyData;
                starts[i] = row.RollingStart;
                periods[i] = row.RollingPeriod;
                risks[i] = row.TransmissionRisk;
                types[i] = row.ReportType;
                onsets[i] = row.DaysSinceOnset;
                travelers[i] = row.Traveler;
                created[i] = row.CreatedHour;
                publishable[i] = row.PublishableFrom;
                i++;
            }
        }

        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(_sql, connection, transaction)
        {
            Parameters =
            {
                new() { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                new() { Value = starts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new() { Value = periods, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new() { Value = risks, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new() { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new() { Value = onsets, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new() { Value = travelers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean },
                new() { Value = created, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = publishable, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            },
        };
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public override ValueTask DisposeAsync() => _source.DisposeAsync();
}
