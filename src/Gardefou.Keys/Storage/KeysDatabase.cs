using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gardefou.Keys.Storage;

/// <summary>Provider set-up and schema creation for the key domain (SQLite file or PostgreSQL schema).</summary>
internal static class KeysDatabase
{
    /// <summary>Configures EF Core for <paramref name="storage"/>.</summary>
    public static void Configure(DbContextOptionsBuilder options, KeysStorage storage)
    {
        if (storage.UsesPostgres)
        {
            options.UseNpgsql(storage.PostgresConnectionString, npgsql =>
                npgsql.MigrationsHistoryTable("__ef_migrations", storage.Schema));
        }
        else
        {
            options.UseSqlite(SqliteConnectionString(storage));
            options.AddInterceptors(SqlitePragmas.Instance);
        }
    }

    /// <summary>The SQLite connection string of <paramref name="storage"/>.</summary>
    public static string SqliteConnectionString(KeysStorage storage)
    {
        var path = storage.SqlitePath ?? throw new InvalidOperationException("Keys storage needs a SQLite path or a PostgreSQL connection string.");
        return $"Data Source={path};Pooling=True;Default Timeout=30";
    }

    /// <summary>
    /// The per-connection settings of every SQLite connection of the domain. <c>synchronous=FULL</c> syncs the
    /// write-ahead log at each commit, so a key acknowledged to a device survives a power loss as well as a crash
    /// (NORMAL could lose the last commits on power loss). Group commit (<see cref="UploadWriter"/>) pays that
    /// sync once per group of uploads rather than once per upload.
    /// </summary>
    public static void ApplySqlitePragmas(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Creates the tables when they are missing. On PostgreSQL each domain has its own schema in a shared
    /// database, so EnsureCreated (which skips as soon as any table exists) is replaced by a per-schema check.
    /// </summary>
    public static async Task CreateSchemaAsync(KeysDbContext db, KeysStorage storage, CancellationToken ct)
    {
        if (!storage.UsesPostgres)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath!));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
            await db.Database.EnsureCreatedAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            return;
        }

        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            await creator.CreateAsync(ct);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Serialises schema creation between instances starting together on one database.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7242001)", ct);
        var tables = await db.Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = {0}", storage.Schema)
            .SingleAsync(ct);
        if (tables == 0)
        {
            // The schema name is checked against [a-z_][a-z0-9_]* by KeysStorage, so it can be quoted into DDL.
            var createSchema = "CREATE SCHEMA IF NOT EXISTS \"" + storage.Schema + "\"";
            await db.Database.ExecuteSqlRawAsync(createSchema, ct);
            await creator.CreateTablesAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>Applies <see cref="ApplySqlitePragmas"/> to each connection EF Core opens.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => ApplySqlitePragmas(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ApplySqlitePragmas(connection);
            return Task.CompletedTask;
        }
    }
}
