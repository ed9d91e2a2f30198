using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gardefou.Verification.Storage;

/// <summary>
/// Brings a database created by an earlier version to the current model, idempotently, on every start: dates of a
/// code may be absent (Google's optional <c>testDate</c>), codes carry the issuer's <c>uuid</c>, realms their date and
/// device-key settings, API keys their kind. PostgreSQL alters in place; SQLite cannot drop a NOT NULL, so that one
/// change rebuilds the table from its own stored definition, rows and indexes kept. Both run inside the schema-creation
/// transaction, so a failed upgrade leaves the database as it was.
/// </summary>
internal static class VerificationSchemaUpgrade
{
    private static readonly (string Table, string Column, string Sqlite, string Postgres)[] s_addedColumns =
    [
        ("codes", "Uuid", "TEXT NULL", "character varying(36) NULL"),
        ("realms", "RequireDate", "INTEGER NOT NULL DEFAULT 0", "boolean NOT NULL DEFAULT false"),
        ("realms", "RequireDeviceKey", "INTEGER NOT NULL DEFAULT 0", "boolean NOT NULL DEFAULT false"),
        ("api_keys", "Kind", "INTEGER NOT NULL DEFAULT 0", "integer NOT NULL DEFAULT 0"),
    ];

    private static readonly string[] s_optionalTestDate = ["codes", "tokens"];

    /// <summary>Upgrades a PostgreSQL schema (inside the creation transaction, which holds the schema's lock).</summary>
    public static async Task UpgradePostgresAsync(VerificationDbContext db, string schema, CancellationToken ct)
    {
        // The schema name was checked to be a plain identifier; identifiers cannot be parameters.
        var statements = new List<string>();
        foreach (var table in s_optionalTestDate)
        {
            statements.Add($"ALTER TABLE \"{schema}\".\"{table}\" ALTER COLUMN \"TestDate\" DROP NOT NULL");
        }
        foreach (var (table, column, _, type) in s_addedColumns)
        {
            statements.Add($"ALTER TABLE \"{schema}\".\"{table}\" ADD COLUMN IF NOT EXISTS \"{column}\" {type}");
        }
        statements.Add($"CREATE UNIQUE INDEX IF NOT EXISTS \"IX_codes_RealmId_Uuid\" ON \"{schema}\".\"codes\" (\"RealmId\", \"Uuid\")");
        foreach (var statement in statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement, ct);
        }
    }

    /// <summary>Upgrades the domain's SQLite file (inside the creation transaction, which holds the file's write lock).</summary>
    public static async Task UpgradeSqliteAsync(VerificationDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The SQLite upgrade runs inside the schema-creation transaction.");
        foreach (var table in s_optionalTestDate)
        {
            var columns = await ColumnsAsync(connection, transaction, table, ct);
            if (columns.TryGetValue("TestDate", out var notNull) && notNull)
            {
                await RebuildWithOptionalTestDateAsync(connection, transaction, table, ct);
            }
        }
        foreach (var (table, column, type, _) in s_addedColumns)
        {
            if (!(await ColumnsAsync(connection, transaction, table, ct)).ContainsKey(column))
            {
                await ExecuteAsync(connection, $"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {type}", ct, transaction);
            }
        }
        await ExecuteAsync(connection, "CREATE UNIQUE INDEX IF NOT EXISTS \"IX_codes_RealmId_Uuid\" ON \"codes\" (\"RealmId\", \"Uuid\")", ct, transaction);
    }

    private static async Task RebuildWithOptionalTestDateAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken ct)
    {
        var temporary = table + "__upgrade";
        var definition = (string)(await ScalarAsync(connection, transaction, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'", ct))!;
        var indexes = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                indexes.Add(reader.GetString(0));
            }
        }
        var relaxed = definition
            .Replace("\"TestDate\" TEXT NOT NULL", "\"TestDate\" TEXT NULL", StringComparison.Ordinal)
            .Replace($"CREATE TABLE \"{table}\"", $"CREATE TABLE \"{temporary}\"", StringComparison.Ordinal);
        if (relaxed == definition || !relaxed.Contains("\"TestDate\" TEXT NULL", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The table {table} has an unexpected definition; it cannot be upgraded automatically.");
        }
        await ExecuteAsync(connection, relaxed, ct, transaction);
        await ExecuteAsync(connection, $"INSERT INTO \"{temporary}\" SELECT * FROM \"{table}\"", ct, transaction);
        await ExecuteAsync(connection, $"DROP TABLE \"{table}\"", ct, transaction);
        await ExecuteAsync(connection, $"ALTER TABLE \"{temporary}\" RENAME TO \"{table}\"", ct, transaction);
        foreach (var index in indexes)
        {
            await ExecuteAsync(connection, index, ct, transaction);
        }
    }

    private static async Task<Dictionary<string, bool>> ColumnsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken ct)
    {
        var columns = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"PRAGMA table_info(\"{table}\")";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            columns[reader.GetString(1)] = reader.GetInt64(3) != 0;
        }
        return columns;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
