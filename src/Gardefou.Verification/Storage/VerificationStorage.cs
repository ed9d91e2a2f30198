using Gardefou.Hosting.Storage;

namespace Gardefou.Verification.Storage;

/// <summary>
/// Where the verification domain keeps its data, chosen by the host: a SQLite file
/// (<c>&lt;data&gt;/verification.db</c>) or a PostgreSQL database, in its own schema.
/// </summary>
/// <param name="SqlitePath">Path of the SQLite file, used when <paramref name="PostgresConnectionString"/> is null.</param>
/// <param name="PostgresConnectionString">Npgsql connection string; when set, PostgreSQL is used.</param>
/// <param name="PostgresSchema">Schema of the domain's tables on PostgreSQL; <c>verification</c> when null.</param>
public sealed record VerificationStorage(string? SqlitePath, string? PostgresConnectionString, string? PostgresSchema)
    : DomainStorage(SqlitePath, PostgresConnectionString, PostgresSchema)
{
    /// <summary>The schema used on PostgreSQL when none is given.</summary>
    public const string DefaultSchema = "verification";

    /// <summary>The SQLite file <c>verification.db</c> inside a data directory.</summary>
    public static VerificationStorage ForDataDirectory(string dataDirectory) =>
        new(Path.Combine(dataDirectory, "verification.db"), null, null);

    /// <summary>A PostgreSQL database, tables in <paramref name="schema"/>.</summary>
    public static VerificationStorage ForPostgres(string connectionString, string schema = DefaultSchema) =>
        new(null, connectionString, schema);

    /// <inheritdoc />
    protected override string DefaultSchemaName => DefaultSchema;
}
