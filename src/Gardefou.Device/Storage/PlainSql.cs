using Microsoft.Data.Sqlite;

namespace Gardefou.Device.Storage;

/// <summary>
/// The statements of the phone's one access path to its tables (see <see cref="PhoneSchema"/>): settings, commands
/// with positional parameters <c>$p0</c>, <c>$p1</c>…, single-column queries.
/// </summary>
internal static class PlainSql
{
    /// <summary>The value of setting <paramref name="name"/>, or null.</summary>
    public static async Task<string?> GetAsync(SqliteConnection connection, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Value FROM settings WHERE Name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>The value of setting <paramref name="name"/> in <paramref name="storage"/>, or null.</summary>
    public static async Task<string?> GetAsync(PhoneStorage storage, string name, CancellationToken ct)
    {
        await using var connection = await storage.OpenConnectionAsync(ct);
        return await GetAsync(connection, name, ct);
    }

    /// <summary>Sets (or, for null, removes) setting <paramref name="name"/> inside <paramref name="transaction"/>.</summary>
    public static Task<int> SetAsync(SqliteTransaction transaction, string name, string? value, CancellationToken ct) =>
        value is null
            ? ExecuteAsync(transaction, "DELETE FROM settings WHERE Name = $p0", ct, name)
            : ExecuteAsync(transaction, "INSERT INTO settings (Name, Value) VALUES ($p0, $p1) ON CONFLICT (Name) DO UPDATE SET Value = excluded.Value", ct, name, value);

    /// <summary>Runs one statement with parameters <c>$p0</c>, <c>$p1</c>… inside <paramref name="transaction"/>; returns the rows changed.</summary>
    public static async Task<int> ExecuteAsync(SqliteTransaction transaction, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i, parameters[i]);
        }
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs one statement in its own transaction; returns the rows changed.</summary>
    public static async Task<int> ExecuteAsync(PhoneStorage storage, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var connection = await storage.OpenConnectionAsync(ct);
        await using var transaction = connection.BeginTransaction();
        var changed = await ExecuteAsync(transaction, sql, ct, parameters);
        await transaction.CommitAsync(ct);
        return changed;
    }

    /// <summary>The first column of every row of a query with parameters <c>$p0</c>, <c>$p1</c>….</summary>
    public static async Task<List<T>> ListAsync<T>(SqliteConnection connection, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i, parameters[i]);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }
        return values;
    }
}
