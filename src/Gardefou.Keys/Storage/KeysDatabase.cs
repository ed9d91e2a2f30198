using Gardefou.Hosting.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Keys.Storage;

/// <summary>Provider set-up and schema creation for the key domain, through the shared <see cref="DomainDatabase"/>.</summary>
internal static class KeysDatabase
{
    /// <summary>Configures EF Core for <paramref name="storage"/>.</summary>
    public static void Configure(DbContextOptionsBuilder options, KeysStorage storage) =>
        DomainDatabase.Configure(options, storage.Database);

    /// <summary>The SQLite connection string of <paramref name="storage"/> (the same settings as EF's connections).</summary>
    public static string SqliteConnectionString(KeysStorage storage) =>
        DurableSqlite.ConnectionString(storage.Database.SqlitePath ?? throw new InvalidOperationException("Keys storage is on PostgreSQL, not SQLite."));

    /// <summary>
    /// Creates the tables when they are missing (SQLite file or the domain's PostgreSQL schema) and adds those later
    /// versions brought, under the shared schema-creation lock; then imports export files older versions kept on disk. Group commit (<see cref="UploadWriter"/>) pays SQLite's synchronous=FULL once per group
    /// of uploads rather than once per upload.
    /// </summary>
    public static async Task CreateSchemaAsync(KeysDbContext db, KeysStorage storage, CancellationToken ct)
    {
        await DomainDatabase.CreateSchemaAsync(db, storage.Database, upgrade: token => KeysSchemaUpgrade.AddMissingTablesAsync(db, storage, token), ct);
        await KeysSchemaUpgrade.ImportAsync(db, storage, ct);
    }
}
