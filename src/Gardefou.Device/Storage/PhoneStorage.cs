using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Device.Storage;

/// <summary>The phone's data directory and its SQLite database <c>phone.db</c>.</summary>
/// <remarks>
/// EF Core creates the database and serves setup, scans and reports. Opening a phone, the exposure check, the status
/// and the chaff schedule go through <see cref="OpenConnectionAsync"/> (<see cref="PlainSql"/>) alone, so that a phone
/// process that only checks never loads EF Core: its model, query compiler and their JIT-compiled code cost about
/// 35 MB of resident memory, several times what the check itself needs.
/// </remarks>
internal sealed class PhoneStorage
{
    public const string DatabaseFileName = "phone.db";

    private readonly string _createConnectionString;
    // Typed object so that nothing in this class's shape names an EF Core type; built by the first Open().
    private object? _options;

    public PhoneStorage(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        DatabasePath = Path.Combine(DataDirectory, DatabaseFileName);
        // Only creation may create the file: after a wipe, a late write must fail rather than bring back an empty
        // database. Pooled connections are cleared before a wipe deletes the file.
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWrite }.ToString();
        _createConnectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
    }

    public string DataDirectory { get; }

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    public bool Exists => File.Exists(DatabasePath);

    /// <summary>An EF Core context on the database (built on first use: see the remarks on the class).</summary>
    public PhoneDbContext Open() => new((DbContextOptions<PhoneDbContext>)(_options ??= OptionsFor(ConnectionString)));

    /// <summary>An open plain connection on the existing database, for reads that must not load EF Core.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task CreateAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        await using var db = new PhoneDbContext(OptionsFor(_createConnectionString));
        await db.Database.EnsureCreatedAsync(ct);
    }

    private static DbContextOptions<PhoneDbContext> OptionsFor(string connectionString) =>
        new DbContextOptionsBuilder<PhoneDbContext>().UseSqlite(connectionString).Options;

    /// <summary>Deletes the database and every other file this library wrote in the data directory.</summary>
    public void DeleteAll()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            var path = DatabasePath + suffix;
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
