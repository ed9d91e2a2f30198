using Gardefou.Hosting.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Hosting.Tests.Storage;

public sealed class DomainDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sqlite_file_is_created_in_write_ahead_mode_with_durable_commits()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gardefou-hosting-tests", Guid.NewGuid().ToString("N"));
        var location = DatabaseLocation.Of(Path.Combine(directory, "nested", "notes.db"), null, null, "notes");
        await using (var db = new NoteContext(location))
        {
            await DomainDatabase.CreateSchemaAsync(db, location, upgrade: null, Ct);
            db.Notes.Add(new Note { Text = "kept" });
            await db.SaveChangesAsync(Ct);
            await db.Database.OpenConnectionAsync(Ct);
            Assert.Equal("wal", await ScalarAsync<string>(db, "PRAGMA journal_mode"));
            Assert.Equal(2L, await ScalarAsync<long>(db, "PRAGMA synchronous")); // 2 = FULL
            Assert.Equal(30000L, await ScalarAsync<long>(db, "PRAGMA busy_timeout"));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Instances_creating_one_sqlite_schema_together_all_succeed_and_the_upgrade_runs_inside_the_lock()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gardefou-hosting-tests", Guid.NewGuid().ToString("N"));
        var location = DatabaseLocation.Of(Path.Combine(directory, "notes.db"), null, null, "notes");
        Assert.False(await UpgradesOverlapWhenCreatedTogetherAsync(location));
        await using (var db = new NoteContext(location))
        {
            Assert.Equal(0, await db.Notes.CountAsync(Ct));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Instances_creating_one_postgres_schema_together_all_succeed_beside_another_domain()
    {
        var admin = Environment.GetEnvironmentVariable("GARDEFOU_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            Assert.Skip("PostgreSQL not available: set GARDEFOU_TEST_POSTGRES (CI does)");
        }
        await using var database = await PostgresDatabase.CreateAsync(admin);
        var other = DatabaseLocation.Of(null, database.ConnectionString, "other_domain", "unused");
        await using (var db = new NoteContext(other))
        {
            await DomainDatabase.CreateSchemaAsync(db, other, upgrade: null, Ct);
        }
        var location = DatabaseLocation.Of(null, database.ConnectionString, "notes", "unused");
        Assert.False(await UpgradesOverlapWhenCreatedTogetherAsync(location));
        await using (var db = new NoteContext(location))
        {
            db.Notes.Add(new Note { Text = "in its own schema" });
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = new NoteContext(other))
        {
            Assert.Equal(0, await db.Notes.CountAsync(Ct));
        }
    }

    /// <summary>Four instances create the schema at once; true when two of them ran their upgrade at the same time.</summary>
    private static async Task<bool> UpgradesOverlapWhenCreatedTogetherAsync(DatabaseLocation location)
    {
        var inside = 0;
        var overlapped = false;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = new NoteContext(location);
            await DomainDatabase.CreateSchemaAsync(db, location, async ct =>
            {
                overlapped |= Interlocked.Increment(ref inside) > 1;
                await Task.Delay(50, ct);
                Interlocked.Decrement(ref inside);
            }, Ct);
        }, Ct)));
        return overlapped;
    }

    private static async Task<T> ScalarAsync<T>(NoteContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
