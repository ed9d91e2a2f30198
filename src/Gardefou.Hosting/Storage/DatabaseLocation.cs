namespace Gardefou.Hosting.Storage;

/// <summary>
/// Where one domain's tables live: its own SQLite file, or its own schema in a PostgreSQL database that the domains
/// may share. Plumbing is shared, data is not: two domains never get the same file or schema.
/// </summary>
public sealed record DatabaseLocation
{
    private DatabaseLocation(string? sqlitePath, string? postgresConnectionString, string schema)
    {
        SqlitePath = sqlitePath;
        PostgresConnectionString = postgresConnectionString;
        Schema = schema;
    }

    /// <summary>The SQLite file, when the domain runs on SQLite.</summary>
    public string? SqlitePath { get; }

    /// <summary>The Npgsql connection string, when the domain runs on PostgreSQL.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>The PostgreSQL schema of the domain's tables (checked by <see cref="SchemaName.Check"/>).</summary>
    public string Schema { get; }

    /// <summary>Whether the domain runs on PostgreSQL.</summary>
    public bool UsesPostgres => PostgresConnectionString is not null;

    /// <summary>The schema the EF model maps to: the domain's schema on PostgreSQL, none on SQLite.</summary>
    public string? ModelSchema => UsesPostgres ? Schema : null;

    /// <summary>
    /// PostgreSQL when <paramref name="postgresConnectionString"/> is set (it wins), else the SQLite file;
    /// <paramref name="schema"/> falls back to <paramref name="defaultSchema"/> and must be a plain identifier.
    /// </summary>
    public static DatabaseLocation Of(string? sqlitePath, string? postgresConnectionString, string? schema, string defaultSchema)
    {
        var usesPostgres = !string.IsNullOrWhiteSpace(postgresConnectionString);
        if (!usesPostgres && string.IsNullOrWhiteSpace(sqlitePath))
        {
            throw new InvalidOperationException("Storage needs a SQLite path or a PostgreSQL connection string.");
        }
        var name = SchemaName.Check(string.IsNullOrWhiteSpace(schema) ? defaultSchema : schema);
        return new DatabaseLocation(usesPostgres ? null : sqlitePath, usesPostgres ? postgresConnectionString : null, name);
    }
}
