using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gardefou.Registry.Storage;

/// <summary>
/// <c>synchronous</c> is a per-connection setting in SQLite, so it is set on every opened connection. In WAL mode
/// NORMAL stays consistent after a crash and skips the fsync per commit that FULL pays: operators' updates are
/// small and frequent, and a lost last second on power failure is re-sent by the next update.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static SqlitePragmas Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        // EF opens a read-only connection to check that the file exists; journal settings need a writable one.
        if (new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString).Mode == Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly)
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
        command.ExecuteNonQuery();
    }
}
