using Gardefou.Verification.Storage;
using Npgsql;

namespace Gardefou.Verification.Tests.Support;

/// <summary>A throwaway store: a SQLite file in a temporary folder, or a uniquely named PostgreSQL database.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "GARDEFOU_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _adminConnection;
    private readonly string? _databaseName;

    private TestDatabase(VerificationStorage storage, string? directory, string? adminConnection, string? databaseName)
    {
        Storage = storage;
        _directory = directory;
        _adminConnection = adminConnection;
        _databaseName = databaseName;
    }

    public VerificationStorage Storage { get; }

    public string? SqlitePath => Storage.SqlitePath;

    /// <summary>Creates the store; skips the test when PostgreSQL is asked for but not configured.</summary>
    public static async Task<TestDatabase> CreateAsync(StoreKind kind)
    {
        if (kind == StoreKind.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "gf-verification-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            return new TestDatabase(VerificationStorage.ForDataDirectory(directory), directory, null, null);
        }
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            Assert.Skip("PostgreSQL not available: set GARDEFOU_TEST_POSTGRES (CI does)");
        }
        var name = "gf_verification_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(VerificationStorage.ForPostgres(builder.ConnectionString), null, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the temporary folder is cleaned by the system.
            }
        }
        if (_adminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
