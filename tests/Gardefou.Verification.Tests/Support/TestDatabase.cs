using Gardefou.Verification.Storage;

namespace Gardefou.Verification.Tests.Support;

/// <summary>A throwaway store: a SQLite file in a temporary folder, or a uniquely named PostgreSQL database (tests/Shared/PostgresDatabase).</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly PostgresDatabase? _postgres;

    private TestDatabase(VerificationStorage storage, string? directory, PostgresDatabase? postgres)
    {
        Storage = storage;
        _directory = directory;
        _postgres = postgres;
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
            return new TestDatabase(VerificationStorage.ForDataDirectory(directory), directory, null);
        }
        var postgres = await PostgresDatabase.CreateOrSkipAsync();
        return new TestDatabase(VerificationStorage.ForPostgres(postgres.ConnectionString), null, postgres);
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
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
