using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gardefou.Hosting.Storage;

/// <summary>
/// The one way a domain opens its SQLite file. Every domain gets the same settings, because each of them
/// acknowledges writes somebody relies on (a device's keys, an issued code, an operator's update):
/// <list type="bullet">
/// <item><c>journal_mode=WAL</c> (persistent, set once when the schema is created): readers go on while one writer
/// commits, which the portal, the search and the export all need.</item>
/// <item><c>synchronous=FULL</c>: the log is synced at each commit, so what was acknowledged survives a power loss
/// and not only a crash (NORMAL may lose the last commits). Writers that commit often (keys' upload path) pay the
/// sync once per group of writes, not per request.</item>
/// <item><c>busy_timeout=30000</c>: a second writer, or a second instance creating the schema, waits for the lock
/// instead of failing at once; 30 s is longer than any transaction here takes.</item>
/// </list>
/// </summary>
public static class DurableSqlite
{
    /// <summary>The per-connection pragmas (WAL is per file and set by <see cref="DomainDatabase.CreateSchemaAsync"/>).</summary>
    public const string ConnectionPragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";

    /// <summary>An EF Core interceptor that applies <see cref="ApplyPragmas"/> to every connection EF opens.</summary>
    public static DbConnectionInterceptor Interceptor { get; } = new PragmaInterceptor();

    /// <summary>The connection string of <paramref name="path"/>: pooled, created if missing, foreign keys on.</summary>
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Applies <see cref="ConnectionPragmas"/> to an open connection (for connections opened outside EF).</summary>
    public static void ApplyPragmas(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
    }

    private sealed class PragmaInterceptor : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => ApplyPragmas(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ApplyPragmas(connection);
            return Task.CompletedTask;
        }
    }
}
