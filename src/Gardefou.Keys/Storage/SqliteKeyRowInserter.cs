using Gardefou.Hosting.Storage;
using Microsoft.Data.Sqlite;

namespace Gardefou.Keys.Storage;

/// <summary>
/// SQLite: one long-lived connection, one prepared INSERT and one prepared revision UPDATE, rebound per row. SQLite has a single writer anyway,
/// so a dedicated connection costs nothing and saves reopening (and re-applying pragmas) per transaction.
/// </summary>
/// <remarks>
/// Rows take SQLite's own rowids (max + 1), so a commit only appends to the table's last pages; the upload writer
/// shuffles the rows of a group. An upload alone in its commit therefore has consecutive rowids until its hour closes
/// and <see cref="HourMixer"/> rewrites that hour in random order. (Random 63-bit rowids, an earlier design, hid
/// that at once but made every commit touch one table page per row: a third of the publish throughput.)
/// </remarks>
internal sealed class SqliteKeyRowInserter : KeyRowInserter
{
    private readonly string _connectionString;
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;
    private SqliteCommand? _revise;

    public SqliteKeyRowInserter(KeysStorage storage) => _connectionString = KeysDatabase.SqliteConnectionString(storage);

    public override Task InsertAsync(DiagnosisKeyRow[] rows, IReadOnlyList<KeyRevision> revisions, CancellationToken ct)
    {
        if (_insert is null)
        {
            Prepare();
        }
        var (insert, revise) = (_insert!, _revise!);
        try
        {
            // BEGIN IMMEDIATE: take the write lock now rather than fail to upgrade a read lock half-way.
            using var transaction = _connection!.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            revise.Transaction = transaction;
            var r = revise.Parameters;
            foreach (var revision in revisions)
            {
                r[0].Value = revision.KeyData;
                r[1].Value = revision.RollingStart;
                r[2].Value = revision.RollingPeriod;
                r[3].Value = revision.ExpectedReportType;
                r[4].Value = revision.RevisedReportType;
                r[5].Value = revision.RevisedHour;
                if (revise.ExecuteNonQuery() != 1)
                {
                    throw new RevisionConflictException();
                }
            }
            var p = insert.Parameters;
            foreach (var row in rows)
            {
                p[0].Value = row.KeyData;
                p[1].Value = row.RollingStart;
                p[2].Value = row.RollingPeriod;
                p[3].Value = row.TransmissionRisk;
                p[4].Value = row.ReportType;
                p[5].Value = row.DaysSinceOnset is { } days ? days : DBNull.Value;
                p[6].Value = row.Traveler;
                p[7].Value = row.CreatedHour;
                p[8].Value = row.PublishableFrom;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
            return Task.CompletedTask;
        }
        catch
        {
            // The transaction was rolled back by its disposal; start the next one on a fresh connection in case
            // this one is in a state we cannot see (I/O error, interrupted statement).
            Close();
            throw;
        }
    }

    public override ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private void Prepare()
    {
        _connection = new SqliteConnection(_connectionString);
        _connection.Open();
        DurableSqlite.ApplyPragmas(_connection);
        var insert = _connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO "diagnosis_keys" ("KeyData", "RollingStart", "RollingPeriod", "TransmissionRisk", "ReportType", "DaysSinceOnset", "Traveler", "CreatedHour", "PublishableFrom")
            VALUES ($k, $s, $p, $t, $r, $d, $v, $c, $f)
            """;
        insert.Parameters.Add("$k", SqliteType.Blob);
        insert.Parameters.Add("$s", SqliteType.Integer);
        insert.Parameters.Add("$p", SqliteType.Integer);
        insert.Parameters.Add("$t", SqliteType.Integer);
        insert.Parameters.Add("$r", SqliteType.Integer);
        insert.Parameters.Add("$d", SqliteType.Integer);
        insert.Parameters.Add("$v", SqliteType.Integer);
        insert.Parameters.Add("$c", SqliteType.Integer);
        insert.Parameters.Add("$f", SqliteType.Integer);
        insert.Prepare();
        _insert = insert;

        var revise = _connection.CreateCommand();
        revise.CommandText = """
            UPDATE "diagnosis_keys" SET "RevisedReportType" = $t, "RevisedHour" = $h
            WHERE "KeyData" = $k AND "RollingStart" = $s AND "RollingPeriod" = $p AND "ReportType" = $from AND "RevisedReportType" IS NULL
            """;
        revise.Parameters.Add("$k", SqliteType.Blob);
        revise.Parameters.Add("$s", SqliteType.Integer);
        revise.Parameters.Add("$p", SqliteType.Integer);
        revise.Parameters.Add("$from", SqliteType.Integer);
        revise.Parameters.Add("$t", SqliteType.Integer);
        revise.Parameters.Add("$h", SqliteType.Integer);
        revise.Prepare();
        _revise = revise;
    }

    private void Close()
    {
        _insert?.Dispose();
        _insert = null;
        _revise?.Dispose();
        _revise = null;
        _connection?.Dispose();
        _connection = null;
    }
}
