namespace Gardefou.Hosting.Storage;

/// <summary>
/// What every domain's storage record shares: a SQLite file, or a PostgreSQL connection string (which wins) and the
/// schema of the domain's tables there. Each domain derives its own record, adds its files (exports, static
/// publication) and the factories <c>ForDataDirectory</c> and <c>ForPostgres</c>.
/// </summary>
/// <param name="SqlitePath">Path of the SQLite file, used when <paramref name="PostgresConnectionString"/> is empty.</param>
/// <param name="PostgresConnectionString">Npgsql connection string; when set, PostgreSQL is used.</param>
/// <param name="PostgresSchema">The schema of the domain's tables on PostgreSQL; the domain's default when empty.</param>
public abstract record DomainStorage(string? SqlitePath, string? PostgresConnectionString, string? PostgresSchema)
{
    /// <summary>Whether the domain runs on PostgreSQL.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>The database, as the shared plumbing opens it (the schema name checked).</summary>
    public DatabaseLocation Database => DatabaseLocation.Of(SqlitePath, PostgresConnectionString, PostgresSchema, DefaultSchemaName);

    /// <summary>The PostgreSQL schema in use: the configured one or the domain's default.</summary>
    public string Schema => Database.Schema;

    /// <summary>The domain's schema when none is configured.</summary>
    protected abstract string DefaultSchemaName { get; }
}
