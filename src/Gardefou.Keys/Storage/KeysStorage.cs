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
{
    /// <summary>Storage in a data directory: <c>&lt;data&gt;/keys.db</c> and <c>&lt;data&gt;/exports/</c>.</summary>
    public static KeysStorage InDataDirectory(string dataDirectory) =>
        new(Path.Combine(dataDirectory, "keys.db"), null, null, Path.Combine(dataDirectory, "exports"));

    /// <summary>Whether the domain runs on PostgreSQL.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>The PostgreSQL schema, <c>keys</c> unless configured.</summary>
    public string Schema => string.IsNullOrWhiteSpace(PostgresSchema)
        ? "keys"
        : System.Text.RegularExpressions.Regex.IsMatch(PostgresSchema, "^[a-z_][a-z0-9_]{0,62}$")
            ? PostgresSchema
            : throw new ArgumentException("The PostgreSQL schema must match [a-z_][a-z0-9_]*.", nameof(PostgresSchema));
}
