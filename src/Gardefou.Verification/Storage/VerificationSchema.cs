using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Gardefou.Verification.Storage;

/// <summary>
/// Creates the domain's tables if they are missing. SQLite: <c>EnsureCreated</c> on the domain's own file.
/// PostgreSQL: the three domains may share one database, and <c>EnsureCreated</c> does nothing once any
/// table exists there, so the tables are created per schema, under an advisory lock against a concurrent start.
/// </summary>
internal static class VerificationSchema
{
    // Any constant will do, as long as the other domains pick different ones.
    private const long AdvisoryLockId = 0x6766_7665_7269_6601;

    public static async Task EnsureAsync(VerificationDbContext db, VerificationStorage storage, CancellationToken ct)
    {
        if (!storage.UsesPostgres)
        {
            if (Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath!)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }
            await db.Database.EnsureCreatedAsync(ct);
            await VerificationSchemaUpgrade.UpgradeSqliteAsync(db, ct);
            // Write-ahead logging lets the portal read while the API writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            return;
        }

        if (!IsPlainIdentifier(storage.Schema))
        {
            throw new InvalidOperationException("The PostgreSQL schema name must be lower-case letters, digits and '_'.");
        }
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            try
            {
                await creator.CreateAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another domain or instance created it a moment ago.
            }
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({AdvisoryLockId})", ct);
            try
            {
                var schema = storage.Schema;
                var tables = await db.Database
                    .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = {schema} AND table_name = 'realms'")
                    .SingleAsync(ct);
                if (tables == 0)
                {
                    // Identifiers cannot be parameters; the name was checked to be a plain identifier above.
                    var createSchema = "CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"";
                    await db.Database.ExecuteSqlRawAsync(createSchema, ct);
                    await creator.CreateTablesAsync(ct);
                }
                await VerificationSchemaUpgrade.UpgradePostgresAsync(db, schema, ct);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLockId})", ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static bool IsPlainIdentifier(string name) =>
        name.Length is > 0 and <= 63 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    /// <summary>The SQLite connection string of a file: shared cache off, pooled, foreign keys on.</summary>
    public static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString();
}
