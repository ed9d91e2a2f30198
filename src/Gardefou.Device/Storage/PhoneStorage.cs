using Microsoft.Data.Sqlite;

namespace Gardefou.Device.Storage;

/// <summary>The phone's data directory and its SQLite database <c>phone.db</c> (tables: <see cref="PhoneSchema"/>).</summary>
/// <remarks>Every read and write goes through <see cref="OpenConnectionAsync"/> and <see cref="PlainSql"/>: see <see cref="PhoneSchema"/> for why.</remarks>
internal sealed class PhoneStorage
{
    public const string DatabaseFileName = "phone.db";

    private readonly string _createConnectionString;

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

    /// <summary>An open connection on the existing database (never creating it).</summary>
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
        await using var connection = new SqliteConnection(_createConnectionString);
        await connection.OpenAsync(ct);
        await PhoneSchema.CreateAsync(connection, ct);
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
