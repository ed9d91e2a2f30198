using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Device.Storage;

/// <summary>The phone's data directory and its SQLite database <c>phone.db</c>.</summary>
internal sealed class PhoneStorage
{
    public const string DatabaseFileName = "phone.db";

    private readonly DbContextOptions<PhoneDbContext> _options;
    private readonly DbContextOptions<PhoneDbContext> _createOptions;

    public PhoneStorage(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        DatabasePath = Path.Combine(DataDirectory, DatabaseFileName);
        // Only creation may create the file: after a wipe, a late write must fail rather than bring back an empty
        // database. Pooled connections are cleared before a wipe deletes the file.
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWrite }.ToString();
        var create = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        _options = new DbContextOptionsBuilder<PhoneDbContext>().UseSqlite(ConnectionString).Options;
        _createOptions = new DbContextOptionsBuilder<PhoneDbContext>().UseSqlite(create).Options;
    }

    public string DataDirectory { get; }

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    public bool Exists => File.Exists(DatabasePath);

    public PhoneDbContext Open() => new(_options);

    public async Task CreateAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        await using var db = new PhoneDbContext(_createOptions);
        await db.Database.EnsureCreatedAsync(ct);
    }

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
