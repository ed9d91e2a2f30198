using Gardefou.Hosting.Storage;

namespace Gardefou.Registry.Storage;

/// <summary>
/// Where the registry keeps its data: a SQLite file, or a PostgreSQL schema; and the folder of its static publication.
/// </summary>
/// <param name="SqlitePath">SQLite database file, used when <paramref name="PostgresConnectionString"/> is null.</param>
/// <param name="PostgresConnectionString">PostgreSQL connection string shared by the domains.</param>
/// <param name="PostgresSchema">The registry's own schema, <c>registry</c> by default.</param>
/// <param name="StaticDirectory">Folder the static files are written to (<c>&lt;data&gt;/registry-static</c>).</param>
public sealed record RegistryStorage(string? SqlitePath, string? PostgresConnectionString, string? PostgresSchema, string StaticDirectory)
    : DomainStorage(SqlitePath, PostgresConnectionString, PostgresSchema)
{
    /// <summary>The schema used on PostgreSQL when none is given.</summary>
    public const string DefaultSchema = "registry";

    /// <summary>The standard layout of a data directory: <c>registry.db</c> and <c>registry-static/</c>.</summary>
    public static RegistryStorage ForDataDirectory(string dataDirectory) =>
        new(Path.Combine(dataDirectory, "registry.db"), null, null, Path.Combine(dataDirectory, "registry-static"));

    /// <summary>Tables in <paramref name="schema"/> of a PostgreSQL database, static files in <c>&lt;data&gt;/registry-static/</c>.</summary>
    public static RegistryStorage ForPostgres(string connectionString, string dataDirectory, string schema = DefaultSchema) =>
        new(null, connectionString, schema, Path.Combine(dataDirectory, "registry-static"));

    /// <inheritdoc />
    protected override string DefaultSchemaName => DefaultSchema;
}
