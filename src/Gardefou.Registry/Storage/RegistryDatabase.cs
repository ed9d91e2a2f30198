using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gardefou.Registry.Storage;

/// <summary>Opens and creates the registry database for either provider.</summary>
internal static class RegistryDatabase
{
    public static void Configure(DbContextOptionsBuilder options, RegistryStorage storage)
    {
        if (storage.PostgresConnectionString is { } postgres)
        {
            options.UseNpgsql(postgres, npgsql => npgsql.MigrationsHistoryTable("__ef_history", SchemaOf(storage)));
        }
        else
        {
            var path = storage.SqlitePath ?? throw new InvalidOperationException("RegistryStorage needs a SQLite path or a PostgreSQL connection string.");
            options.UseSqlite($"Data Source={path};Pooling=True").AddInterceptors(SqlitePragmas.Instance);
        }
    }

    public static string? SchemaOf(RegistryStorage storage)
    {
        if (storage.PostgresConnectionString is null)
        {
            return null;
        }
        var schema = storage.PostgresSchema ?? "registry";
        // The schema name is spliced into DDL, so it must be a plain identifier.
        if (schema.Length is 0 or > 63 || !schema.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException($"PostgreSQL schema '{schema}' must be lower-case letters, digits and underscores.", nameof(storage));
        }
        return schema;
    }

    /// <summary>Creates a context outside DI (the CLI, the benchmark).</summary>
    public static RegistryDbContext Open(RegistryStorage storage)
    {
        var builder = new DbContextOptionsBuilder<RegistryDbContext>();
        Configure(builder, storage);
        return new RegistryDbContext(builder.Options, new RegistrySchema(SchemaOf(storage)));
    }

    /// <summary>
    /// Creates the tables if they are missing. On PostgreSQL, EnsureCreated would skip when another domain's
    /// tables already exist in the database, so the registry checks its own schema and creates its tables there.
    /// </summary>
    public static async Task EnsureCreatedAsync(RegistryDbContext db, CancellationToken ct)
    {
        if (db.Schema is null)
        {
            if (Path.GetDirectoryName(db.Database.GetDbConnection().DataSource) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
            // WAL (set on each connection by SqlitePragmas) lets readers go on while an operator writes.
            await db.Database.EnsureCreatedAsync(ct);
            return;
        }
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            await creator.CreateAsync(ct);
        }
        var count = await db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = {db.Schema} AND table_name = 'sites'")
            .SingleAsync(ct);
        if (count == 0)
        {
            // SchemaOf validated the name as a plain identifier; DDL cannot take it as a parameter.
            var ddl = string.Concat("CREATE SCHEMA IF NOT EXISTS \"", db.Schema, "\"");
            await db.Database.ExecuteSqlRawAsync(ddl, ct);
            await creator.CreateTablesAsync(ct);
        }
    }
}
