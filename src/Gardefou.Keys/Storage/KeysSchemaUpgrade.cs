using Gardefou.Keys.Features.Export;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Keys.Storage;

/// <summary>
/// Brings a key database created by an earlier version up to the current model: schema creation only makes tables
/// in an empty database, so what later versions added is added here, idempotently, at every start.
/// </summary>
internal static class KeysSchemaUpgrade
{
    /// <summary>The table of export zip bytes (added when exports moved from each instance's folder into the database).</summary>
    public const string ExportFileContentsTable = "export_file_contents";

    /// <summary>
    /// Adds the tables later versions brought (export zips; the mixing state and index of <see cref="HourMixer"/>). Runs as <see cref="KeysDatabase.CreateSchemaAsync"/>'s upgrade step,
    /// inside the shared schema-creation transaction and lock, so it never runs beside a creation on another instance.
    /// </summary>
    public static async Task AddMissingTablesAsync(KeysDbContext db, KeysStorage storage, CancellationToken ct)
    {
        // The same columns EF Core creates in a new database (see KeysDbContext).
        var create = storage.UsesPostgres
            ? "CREATE TABLE IF NOT EXISTS " + Table(storage) + " (\"Path\" character varying(200) NOT NULL, \"Content\" bytea NOT NULL, " +
              "CONSTRAINT \"PK_" + ExportFileContentsTable + "\" PRIMARY KEY (\"Path\"))"
            : "CREATE TABLE IF NOT EXISTS " + Table(storage) + " (\"Path\" TEXT NOT NULL CONSTRAINT \"PK_" + ExportFileContentsTable + "\" PRIMARY KEY, \"Content\" BLOB NOT NULL)";
        await db.Database.ExecuteSqlRawAsync(create, ct);
        // How far HourMixer has rewritten the storage order, and the index it finds revised rows by.
        foreach (var statement in HourMixer.SchemaSql(storage))
        {
            await db.Database.ExecuteSqlRawAsync(statement, ct);
        }
    }

    /// <summary>Imports export files that older versions kept only on disk (after <see cref="AddMissingTablesAsync"/>).</summary>
    public static Task ImportAsync(KeysDbContext db, KeysStorage storage, CancellationToken ct) =>
        ImportFilesOnDiskAsync(db, storage, Table(storage), ct);

    private static string Table(KeysStorage storage) => storage.UsesPostgres
        // The schema name is checked against [a-z_][a-z0-9_]* by KeysStorage, so it can be quoted into DDL.
        ? $"\"{storage.Schema}\".\"{ExportFileContentsTable}\""
        : $"\"{ExportFileContentsTable}\"";

    /// <summary>
    /// Before the upgrade each instance wrote the zips it exported into its own folder only. Each instance imports the
    /// listed files it holds (the first to insert wins; all hold the same bytes); the index lists only files whose
    /// bytes are in the database, so a file no instance holds any more is no longer announced.
    /// </summary>
    private static async Task ImportFilesOnDiskAsync(KeysDbContext db, KeysStorage storage, string table, CancellationToken ct)
    {
        var missing = await db.ExportFiles.AsNoTracking()
            .Where(f => !db.ExportFileContents.Any(c => c.Path == f.Path))
            .Select(f => f.Path)
            .ToListAsync(ct);
        var insert = "INSERT INTO " + table + " (\"Path\", \"Content\") VALUES ({0}, {1}) ON CONFLICT DO NOTHING";
        foreach (var path in missing)
        {
            var file = ExportLayout.Resolve(storage.ExportDirectory, path);
            if (File.Exists(file))
            {
                var content = await File.ReadAllBytesAsync(file, ct);
                await db.Database.ExecuteSqlRawAsync(insert, [path, content], ct);
            }
        }
    }
}
