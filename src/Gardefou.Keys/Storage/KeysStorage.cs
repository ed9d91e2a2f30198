using Gardefou.Hosting.Storage;

namespace Gardefou.Keys.Storage;

/// <summary>
/// Where the diagnosis-key domain keeps its data, built by the host: a SQLite file or a PostgreSQL schema,
/// plus the folder where versions before the database-stored exports wrote their export files.
/// </summary>
/// <param name="SqlitePath">Path of the SQLite file (e.g. <c>data/keys.db</c>); used when no PostgreSQL connection is given.</param>
/// <param name="PostgresConnectionString">PostgreSQL connection string; when set it wins over <paramref name="SqlitePath"/>.</param>
/// <param name="PostgresSchema">The schema that holds this domain's tables (default <c>keys</c>).</param>
/// <param name="ExportDirectory">
/// Where older versions wrote export zips (e.g. <c>data/exports</c>): files found there are imported into the database
/// at start (<see cref="KeysSchemaUpgrade"/>) and deleted by retention and the sunset. Nothing new is written there.
/// </param>
public sealed record KeysStorage(string? SqlitePath, string? PostgresConnectionString, string? PostgresSchema, string ExportDirectory)
    : DomainStorage(SqlitePath, PostgresConnectionString, PostgresSchema)
{
    /// <summary>The schema used on PostgreSQL when none is given.</summary>
    public const string DefaultSchema = "keys";

    /// <summary>Storage in a data directory: <c>&lt;data&gt;/keys.db</c> and <c>&lt;data&gt;/exports/</c>.</summary>
    public static KeysStorage ForDataDirectory(string dataDirectory) =>
        new(Path.Combine(dataDirectory, "keys.db"), null, null, Path.Combine(dataDirectory, "exports"));

    /// <summary>Tables in <paramref name="schema"/> of a PostgreSQL database, export files in <c>&lt;data&gt;/exports/</c>.</summary>
    public static KeysStorage ForPostgres(string connectionString, string dataDirectory, string schema = DefaultSchema) =>
        new(null, connectionString, schema, Path.Combine(dataDirectory, "exports"));

    /// <inheritdoc />
    protected override string DefaultSchemaName => DefaultSchema;
}
