using Microsoft.Data.Sqlite;

namespace Gardefou.Device.Storage;

/// <summary>Reads the <c>settings</c> table through a plain connection (see <see cref="PhoneStorage"/>).</summary>
internal static class SettingsReader
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
}
