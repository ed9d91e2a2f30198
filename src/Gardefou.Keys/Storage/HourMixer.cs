using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gardefou.Keys.Storage;

/// <summary>
/// Makes the hour the anonymity set inside the database, not only in its columns. Rows of an upload alone in its
/// commit are written side by side: on PostgreSQL into adjacent heap slots (<c>ctid</c>) carrying that commit's
/// transaction id (<c>xmin</c>), on SQLite with consecutive rowids; a revision's UPDATE does the same to the row
/// versions it writes. Anyone reading the database files could link one person's keys by either, although their times
/// are truncated to the hour. Once an hour is closed, its rows (those created in it and those revised in it) are
/// rewritten in one transaction in a random order: after that they all carry the mixing transaction's id (PostgreSQL)
/// or take fresh rowids in that order (SQLite), and storage order says nothing about who uploaded together.
/// </summary>
/// <remarks>
/// <para>One transaction: move the hours' rows to a temporary table (deleting them), insert them back in an order drawn
/// from a fresh 32-byte secret (SHA-256 of each key with it, so the order owes nothing to PostgreSQL's
/// <c>random()</c> state), and record how far the mixing has gone; a crash leaves either all of it or none. Every
/// column is copied, export batches and revisions included, so exports neither repeat nor miss a key.</para>
/// <para>The transaction first takes an EXCLUSIVE lock on the keys table: reads go on, while uploads, revisions,
/// exports, retention and another instance's mixer wait while one hour's keys are rewritten and, in PostgreSQL's read
/// committed mode, see the rewritten rows once they run. A writer already in a transaction is waited for.</para>
/// <para>What remains: the old row versions stay in the table's dead space until VACUUM reclaims it, and the
/// write-ahead log holds the original inserts until it is recycled after a checkpoint (and in any WAL archive or
/// replica). An upload that arrives more than <see cref="Grace"/> after its hour ended keeps its adjacent slots.
/// On SQLite the mixing transaction runs with <c>secure_delete</c> on, so the cells it moves out are zeroed in place;
/// the write-ahead log still groups a commit's pages until the next checkpoint.</para>
/// <para>Why mix each closed hour rather than give every row a random position when it is written (a random SQLite
/// rowid, as an earlier version did): a random position makes every commit touch as many table pages as it has rows.
/// Measured with <c>gardefou bench server</c>, it cut SQLite's publish throughput to a third and raised CPU per
/// publish by 70 %; appending and mixing once an hour costs one hour's rows once.</para>
/// </remarks>
public sealed class HourMixer
{
    /// <summary>How long after its end an hour is taken as closed: time for an upload stamped with it to be committed.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    internal const string StateTable = "maintenance";
    private const string MixedThrough = "mixed-through";

    private readonly KeysDbContext _db;
    private readonly KeysStorage _storage;
    private readonly WriteGate _writes;
    private readonly ILogger<HourMixer> _logger;
    private readonly Statements _sql;

    public HourMixer(KeysDbContext db, KeysStorage storage, WriteGate writes, ILogger<HourMixer> logger)
    {
        _db = db;
        _storage = storage;
        _writes = writes;
        _logger = logger;
        _sql = new Statements(storage.UsesPostgres ? storage.Schema : null);
    }

    /// <summary>The last hour (its start, Unix seconds) that is closed at <paramref name="now"/>.</summary>
    public static long LastClosedHour(DateTimeOffset now) => ((now - Grace).ToUnixTimeSeconds() / 3600 * 3600) - 3600;

    /// <summary>
    /// Rewrites, in random order, the rows created or revised in the hours closed since the last run (on the first run,
    /// every closed hour); returns how many rows were rewritten. Nothing to do when no hour closed since.
    /// </summary>
    public async Task<int> MixClosedHoursAsync(DateTimeOffset now, CancellationToken ct)
    {
        var through = LastClosedHour(now);
        // Cheap on every tick: one primary-key read, and the lock is taken only once an hour.
        if (await MixedThroughAsync(ct) >= through)
        {
            return 0;
        }

        using var turn = await _writes.EnterAsync(ct);
        await _db.Database.OpenConnectionAsync(ct);
        try
        {
            return await MixAsync(through, ct);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }

    private async Task<int> MixAsync(long through, CancellationToken ct)
    {
        var sqlite = _db.Database.GetDbConnection() as SqliteConnection;
        if (sqlite is not null)
        {
            // The order function takes the secret as an argument, so no pooled connection keeps it in a closure.
            sqlite.CreateFunction<byte[], byte[], byte[]>(Statements.OrderFunction, static (key, secret) => HMACSHA256.HashData(secret, key), isDeterministic: true);
            await _db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", ct);
        }
        try
        {
            await using var transaction = await _db.Database.BeginTransactionAsync(ct);
            foreach (var statement in _sql.Lock)
            {
                await _db.Database.ExecuteSqlRawAsync(statement, ct);
            }
            // Read again under the lock: another instance may have mixed these hours meanwhile.
            var after = await MixedThroughAsync(ct);
            if (after >= through)
            {
                return 0;
            }
            var salt = RandomNumberGenerator.GetBytes(32);
            foreach (var statement in _sql.Prepare)
            {
                await _db.Database.ExecuteSqlRawAsync(statement, ct);
            }
            foreach (var statement in _sql.Move)
            {
                await _db.Database.ExecuteSqlRawAsync(statement, [after, through], ct);
            }
            var rows = await _db.Database.ExecuteSqlRawAsync(_sql.InsertBack, [salt], ct);
            foreach (var statement in _sql.Cleanup)
            {
                await _db.Database.ExecuteSqlRawAsync(statement, ct);
            }
            await _db.Database.ExecuteSqlRawAsync(_sql.Record, [MixedThrough, through], ct);
            await transaction.CommitAsync(ct);
            CryptographicOperations.ZeroMemory(salt);
            Log.HoursMixed(_logger, DateTimeOffset.FromUnixTimeSeconds(through + 3600));
            return rows;
        }
        finally
        {
            if (sqlite is not null)
            {
                await _db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = OFF", CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// What the mixer needs (run by <see cref="KeysSchemaUpgrade"/>): its state table, and an index of the
    /// revised rows' hours, partial so rows never revised (nearly all) cost nothing in it. Without the index finding an
    /// hour's revised rows scans the whole table under the lock (2.1 s for 4.7 million rows, against 0.07 s with it).
    /// </summary>
    internal static string[] SchemaSql(KeysStorage storage) => !storage.UsesPostgres
    ?
    [
        $"CREATE TABLE IF NOT EXISTS \"{StateTable}\" (\"Name\" TEXT NOT NULL CONSTRAINT \"PK_{StateTable}\" PRIMARY KEY, \"Value\" INTEGER NOT NULL)",
        "CREATE INDEX IF NOT EXISTS \"IX_diagnosis_keys_RevisedHour\" ON \"diagnosis_keys\" (\"RevisedHour\") WHERE \"RevisedHour\" IS NOT NULL",
    ]
    :
    [
        $"CREATE TABLE IF NOT EXISTS \"{storage.Schema}\".\"{StateTable}\" (\"Name\" character varying(32) NOT NULL, \"Value\" bigint NOT NULL, " +
        $"CONSTRAINT \"PK_{StateTable}\" PRIMARY KEY (\"Name\"))",
        $"CREATE INDEX IF NOT EXISTS \"IX_diagnosis_keys_RevisedHour\" ON \"{storage.Schema}\".\"diagnosis_keys\" (\"RevisedHour\") WHERE \"RevisedHour\" IS NOT NULL",
    ];

    private async Task<long> MixedThroughAsync(CancellationToken ct) =>
        await _db.Database.SqlQueryRaw<long>(_sql.ReadState, MixedThrough).SingleAsync(ct);

    /// <summary>
    /// The mixer's SQL for PostgreSQL (a schema) or SQLite (none). The schema name is checked against [a-z_][a-z0-9_]*
    /// by KeysStorage, so it can be quoted into SQL; every value is a parameter.
    /// </summary>
    private sealed class Statements(string? schema)
    {
        /// <summary>SQLite's order function: HMAC-SHA256 of the key under the mixing secret, both passed as arguments.</summary>
        public const string OrderFunction = "gardefou_mix_order";

        private const string Hours = "WHERE (\"CreatedHour\" > {0} AND \"CreatedHour\" <= {1}) OR (\"RevisedHour\" > {0} AND \"RevisedHour\" <= {1})";
        private readonly string _keys = schema is null ? "\"diagnosis_keys\"" : $"\"{schema}\".\"diagnosis_keys\"";
        private readonly string _state = schema is null ? $"\"{StateTable}\"" : $"\"{schema}\".\"{StateTable}\"";
        private readonly bool _postgres = schema is not null;

        /// <summary>PostgreSQL: keep writers out while reads go on. SQLite's transaction already holds the only write lock.</summary>
        public string[] Lock => _postgres ? [$"LOCK TABLE {_keys} IN EXCLUSIVE MODE"] : [];

        public string ReadState => $"SELECT COALESCE(MAX(\"Value\"), -1) AS \"Value\" FROM {_state} WHERE \"Name\" = {{0}}";

        /// <summary>PostgreSQL: an empty temporary table dropped at commit. SQLite: no table left by an earlier failed run.</summary>
        public string[] Prepare => _postgres
            ? [$"CREATE TEMPORARY TABLE gardefou_mixing (LIKE {_keys}) ON COMMIT DROP"]
            : ["DROP TABLE IF EXISTS temp.gardefou_mixing"];

        /// <summary>Rows created or revised in the hours after {0} up to {1}, moved out of the table into a temporary one.</summary>
        public string[] Move => _postgres
            ?
            [
                $"WITH moved AS (DELETE FROM {_keys} {Hours} RETURNING *) INSERT INTO gardefou_mixing SELECT * FROM moved",
            ]
            :
            [
                $"CREATE TEMPORARY TABLE gardefou_mixing AS SELECT * FROM {_keys} {Hours}",
                $"DELETE FROM {_keys} {Hours}",
            ];

        /// <summary>
        /// Every column back, in the order of a keyed hash of the key bytes under a fresh secret {0}; on SQLite the rows
        /// take new rowids (max + 1 onwards) in that order.
        /// </summary>
        public string InsertBack => _postgres
            ? $"INSERT INTO {_keys} SELECT * FROM gardefou_mixing ORDER BY sha256(\"KeyData\" || {{0}})"
            : $"INSERT INTO {_keys} SELECT * FROM temp.gardefou_mixing ORDER BY {OrderFunction}(\"KeyData\", {{0}})";

        /// <summary>PostgreSQL drops the temporary table at commit; SQLite's lives with the connection.</summary>
        public string[] Cleanup => _postgres ? [] : ["DROP TABLE temp.gardefou_mixing"];

        public string Record => $"INSERT INTO {_state} (\"Name\", \"Value\") VALUES ({{0}}, {{1}}) ON CONFLICT (\"Name\") DO UPDATE SET \"Value\" = EXCLUDED.\"Value\"";
    }
}
