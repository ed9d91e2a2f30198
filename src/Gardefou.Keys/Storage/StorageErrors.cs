using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gardefou.Keys.Storage;

/// <summary>Classifies provider exceptions without reading their messages (which may quote stored values).</summary>
internal static class StorageErrors
{
    // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE. The plain code 19 also covers NOT NULL, CHECK and
    // trigger aborts, which are storage failures, not replays.
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteUnique = 2067;

    /// <summary>Whether <paramref name="exception"/> (or an inner one) says a key is already stored.</summary>
    public static bool IsDuplicateKey(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite:
                    return sqlite.SqliteExtendedErrorCode is SqlitePrimaryKey or SqliteUnique;
                case PostgresException postgres:
                    return postgres.SqlState == PostgresErrorCodes.UniqueViolation;
            }
        }
        return false;
    }

    /// <summary>A code that identifies the failure for the logs: the provider's error code, never its message.</summary>
    public static string CodeOf(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PostgresException postgres => postgres.SqlState,
        _ => "-",
    };
}
