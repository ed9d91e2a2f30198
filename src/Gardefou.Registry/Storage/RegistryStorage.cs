namespace Gardefou.Registry.Storage;

/// <summary>
/// Where the registry keeps its data: a SQLite file, or a PostgreSQL schema; and the folder of its static publication.
/// </summary>
/// <param name="SqlitePath">SQLite database file, used when <paramref name="PostgresConnectionString"/> is null.</param>
/// <param name="PostgresConnectionString">PostgreSQL connection string shared by the domains.</param>
/// <param name="PostgresSchema">The registry's own schema, <c>registry</c> by default.</param>
/// <param name="StaticDirectory">Folder the static files are written to (<c>&lt;data&gt;/registry-static</c>).</param>
public sealed record RegistryStorage(string? SqlitePath, string? PostgresConnectionString, string? PostgresSchema, string StaticDirectory)
{
    /// <summary>The standard layout of a data directory: <c>registry.db</c> and <c>registry-static/</c>.</summary>
    public static RegistryStorage ForDataDirectory(string dataDirectory, string? postgresConnectionString = null) =>
        new(Path.Combine(dataDirectory, "registry.db"), postgresConnectionString,
            postgresConnectionString is null ? null : "registry", Path.Combine(dataDirectory, "registry-static"));
}
