using Npgsql;
using NpgsqlTypes;

namespace Gardefou.Keys.Storage;

/// <summary>
/// PostgreSQL: every row of the group in one INSERT … SELECT FROM unnest(arrays), and the group's revisions in one
/// UPDATE … FROM unnest(arrays) sent in the same round trip, so a group costs one round trip and one commit whatever
/// its size.
/// </summary>
internal sealed class PostgresKeyRowInserter : KeyRowInserter
{
    private readonly NpgsqlDataSource _source;
    private readonly string _insert;
    private readonly string _revise;

    public PostgresKeyRowInserter(KeysStorage storage)
    {
        _source = NpgsqlDataSource.Create(storage.PostgresConnectionString!);
        // The schema name is checked against [a-z_][a-z0-9_]* by KeysStorage, so it can be quoted into SQL.
        _insert = $"""
            INSERT INTO "{storage.Schema}"."diagnosis_keys" ("KeyData", "RollingStart", "RollingPeriod", "TransmissionRisk", "ReportType", "DaysSinceOnset", "Traveler", "CreatedHour", "PublishableFrom")
            SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """;
        _revise = $"""
            UPDATE "{storage.Schema}"."diagnosis_keys" AS d SET "RevisedReportType" = r.t, "RevisedHour" = r.h
            FROM unnest($1, $2, $3, $4, $5, $6) AS r(k, s, p, f, t, h)
            WHERE d."KeyData" = r.k AND d."RollingStart" = r.s AND d."RollingPeriod" = r.p AND d."ReportType" = r.f AND d."RevisedReportType" IS NULL
            """;
    }

    public override async Task InsertAsync(DiagnosisKeyRow[] rows, IReadOnlyList<KeyRevision> revisions, CancellationToken ct)
    {
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (revisions.Count > 0)
        {
            batch.BatchCommands.Add(Revise(revisions));
        }
        if (rows.Length > 0)
        {
            batch.BatchCommands.Add(Insert(rows));
        }
        if (batch.BatchCommands.Count == 0)
        {
            return;
        }
        await batch.ExecuteNonQueryAsync(ct);
        // Every revised key is distinct within an upload; a key revised by two uploads of one group, or revised or
        // deleted since it was checked, updates fewer rows than asked.
        if (revisions.Count > 0 && batch.BatchCommands[0].RecordsAffected != revisions.Count)
        {
            throw new RevisionConflictException();
        }
        await transaction.CommitAsync(ct);
    }

    public override ValueTask DisposeAsync() => _source.DisposeAsync();

    private NpgsqlBatchCommand Insert(DiagnosisKeyRow[] rows)
    {
        var count = rows.Length;
        var keys = new byte[count][];
        var starts = new int[count];
        var periods = new int[count];
        var risks = new int[count];
        var types = new int[count];
        var onsets = new int?[count];
        var travelers = new bool[count];
        var created = new long[count];
        var publishable = new long[count];
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            keys[i] = row.KeyData;
            starts[i] = row.RollingStart;
            periods[i] = row.RollingPeriod;
            risks[i] = row.TransmissionRisk;
            types[i] = row.ReportType;
            onsets[i] = row.DaysSinceOnset;
            travelers[i] = row.Traveler;
            created[i] = row.CreatedHour;
            publishable[i] = row.PublishableFrom;
        }
        return new NpgsqlBatchCommand(_insert)
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
    }

    private NpgsqlBatchCommand Revise(IReadOnlyList<KeyRevision> revisions) => new(_revise)
    {
        Parameters =
        {
            new() { Value = revisions.Select(r => r.KeyData).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
            new() { Value = revisions.Select(r => r.RollingStart).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new() { Value = revisions.Select(r => r.RollingPeriod).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new() { Value = revisions.Select(r => r.ExpectedReportType).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new() { Value = revisions.Select(r => r.RevisedReportType).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new() { Value = revisions.Select(r => r.RevisedHour).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
        },
    };
}
