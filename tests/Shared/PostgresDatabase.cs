using Npgsql;

namespace Gardefou.Tests.Shared;

/// <summary>A uniquely named PostgreSQL database created from the admin connection string and dropped afterwards.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private PostgresDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The variable that holds the admin connection string (CI sets it; without it PostgreSQL tests skip).</summary>
    public const string Variable = "GARDEFOU_TEST_POSTGRES";

    public string ConnectionString { get; }

    /// <summary>A fresh database on the server named by <see cref="Variable"/>; skips the test when it is not set.</summary>
    public static Task<PostgresDatabase> CreateOrSkipAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            Assert.Skip($"PostgreSQL not available: set {Variable} (CI does)");
        }
        return CreateAsync(admin);
    }

    /// <summary>For a test run once per provider: a fresh database when <paramref name="provider"/> is "postgres" (or a skip), else null (SQLite).</summary>
    public static async Task<PostgresDatabase?> ForProviderAsync(string provider) =>
        provider == "postgres" ? await CreateOrSkipAsync() : null;

    public static async Task<PostgresDatabase> CreateAsync(string admin)
    {
        var name = $"gardefou_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new PostgresDatabase(admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
