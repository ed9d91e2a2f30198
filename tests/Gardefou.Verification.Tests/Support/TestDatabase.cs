using Gardefou.Verification.Storage;

namespace Gardefou.Verification.Tests.Support;

/// <summary>
/// A throwaway store that outlives a server, so a test can start another on it: a temporary data directory, with the
/// domain's SQLite file in it or a uniquely named PostgreSQL database beside it (tests/Shared/PostgresDatabase).
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresDatabase? _postgres;

    private TestDatabase(string directory, PostgresDatabase? postgres)
    {
        DataDirectory = directory;
        _postgres = postgres;
        // The storage the host builds from the same directory and connection string (GardefouHost.Modules).
        Storage = postgres is null ? VerificationStorage.ForDataDirectory(directory) : VerificationStorage.ForPostgres(postgres.ConnectionString);
    }

    /// <summary>The host's data directory (the SQLite file, Data Protection keys).</summary>
    public string DataDirectory { get; }

    /// <summary>The PostgreSQL database's connection string, or null on SQLite.</summary>
    public string? PostgresConnectionString => _postgres?.ConnectionString;

    public VerificationStorage Storage { get; }

    public string? SqlitePath => Storage.SqlitePath;

    /// <summary>Creates the store; skips the test when PostgreSQL is asked for but not configured.</summary>
    public static async Task<TestDatabase> CreateAsync(StoreKind kind)
    {
        var postgres = kind == StoreKind.Postgres ? await PostgresDatabase.CreateOrSkipAsync() : null;
        var directory = Path.Combine(Path.GetTempPath(), "gf-verification-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new TestDatabase(directory, postgres);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary folder is cleaned by the system.
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
