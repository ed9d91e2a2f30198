using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Gardefou.Hosting.Storage;

/// <summary>
/// Opens a domain's database and creates its tables, the same way for every domain (Google's <c>pkg/database</c>
/// is the model): one provider set-up, one history table name, one schema-creation lock.
/// </summary>
public static class DomainDatabase
{
    /// <summary>EF Core's migrations history table, in the domain's own schema.</summary>
    public const string HistoryTable = "__ef_migrations";

    /// <summary>Configures EF Core for <paramref name="location"/>; returns <paramref name="options"/>.</summary>
    public static TBuilder Configure<TBuilder>(TBuilder options, DatabaseLocation location)
        where TBuilder : DbContextOptionsBuilder
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(location);
        if (location.UsesPostgres)
        {
            options.UseNpgsql(location.PostgresConnectionString, npgsql => npgsql.MigrationsHistoryTable(HistoryTable, location.Schema));
        }
        else
        {
            options.UseSqlite(DurableSqlite.ConnectionString(location.SqlitePath!)).AddInterceptors(DurableSqlite.Interceptor);
        }
        options.ReplaceService<IModelCacheKeyFactory, SchemaModelCacheKeyFactory>();
        return options;
    }

    /// <summary>
    /// Creates the domain's tables when its file or schema has none, then runs <paramref name="upgrade"/> (a domain's
    /// idempotent changes to older databases), all under one lock, so instances starting together neither collide
    /// nor see half a schema. PostgreSQL: an advisory lock per schema, taken inside the creation transaction and
    /// released by its end (a crash cannot leave it held). SQLite: the file's write lock, taken by the transaction
    /// (<c>BEGIN IMMEDIATE</c>); a second instance waits on <c>busy_timeout</c>.
    /// EF's <c>EnsureCreated</c> is not used on PostgreSQL because it skips as soon as any table exists in the
    /// database, and the domains may share one database.
    /// </summary>
    public static async Task CreateSchemaAsync(DbContext db, DatabaseLocation location, Func<CancellationToken, Task>? upgrade, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(location);
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (location.UsesPostgres)
        {
            await CreatePostgresDatabaseAsync(creator, ct);
        }
        else
        {
            if (Path.GetDirectoryName(Path.GetFullPath(location.SqlitePath!)) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }
            // journal_mode is a property of the file and cannot change inside a transaction.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        bool hasTables;
        if (location.UsesPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext({0}))", ["gardefou.schema." + location.Schema], ct);
            hasTables = await db.Database
                .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = {0}", location.Schema)
                .SingleAsync(ct) > 0;
        }
        else
        {
            hasTables = await creator.HasTablesAsync(ct);
        }
        if (!hasTables)
        {
            if (location.UsesPostgres)
            {
                // Checked by SchemaName when the location was made; DDL cannot take an identifier as a parameter.
                var createSchema = "CREATE SCHEMA IF NOT EXISTS \"" + location.Schema + "\"";
                await db.Database.ExecuteSqlRawAsync(createSchema, ct);
            }
            await creator.CreateTablesAsync(ct);
        }
        if (upgrade is not null)
        {
            await upgrade(ct);
        }
        await transaction.CommitAsync(ct);
    }

    private static async Task CreatePostgresDatabaseAsync(IRelationalDatabaseCreator creator, CancellationToken ct)
    {
        if (await creator.ExistsAsync(ct))
        {
            return;
        }
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another domain or instance created it a moment ago.
        }
    }
}
