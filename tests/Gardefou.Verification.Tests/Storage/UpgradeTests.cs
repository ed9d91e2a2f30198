using System.Net;
using Gardefou.Verification.Storage;
using Gardefou.Verification.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gardefou.Verification.Tests.Storage;

/// <summary>
/// A database created by the previous version (its exact DDL, kept in PreviousSchema/) is upgraded in place on
/// start: rows kept, dates optional, uuid, realm settings and key kinds added.
/// </summary>
public sealed class UpgradeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task A_previous_version_database_is_upgraded_keeping_its_rows(StoreKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        await CreatePreviousSchemaAsync(database, kind);

        var server = await TestServer.StartAsync(kind, null, database);

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
            var old = await db.Codes.AsNoTracking().SingleAsync(c => c.Id == 1, Ct);
            Assert.Equal(new DateOnly(2026, 11, 27), old.TestDate);
            Assert.Null(old.Uuid);
            var realm = await db.Realms.SingleAsync(r => r.Name == "old", Ct);
            Assert.False(realm.RequireDate);
            Assert.False(realm.RequireDeviceKey);
        }
        var lab = await server.CreateApiKeyAsync("old");
        using var issued = await ApiCalls.IssueAsync(server.Client, lab.Key, new { testType = "confirmed" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var uuid = (await ApiCalls.ReadJsonAsync(issued)).GetProperty("uuid").GetString();
        using var reused = await ApiCalls.IssueAsync(server.Client, lab.Key, new { testType = "confirmed", uuid });
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);

        // A second start on the upgraded database changes nothing.
        var kept = await server.StopKeepingDatabaseAsync();
        await using var again = await TestServer.StartAsync(kind, null, kept);
        await using var check = again.Services.CreateAsyncScope();
        Assert.Equal(2, await check.ServiceProvider.GetRequiredService<VerificationDbContext>().Codes.CountAsync(Ct));
    }

    private static async Task CreatePreviousSchemaAsync(TestDatabase database, StoreKind kind)
    {
        var ddl = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Storage", "PreviousSchema", kind == StoreKind.Sqlite ? "sqlite.sql" : "postgres.sql"), Ct);
        var rows = """
            INSERT INTO {0}realms ("Id", "Name", "CreatedAt") VALUES (7, 'old', '2026-11-01 00:00:00{3}');
            INSERT INTO {0}codes ("RealmId", "ShortCodeHmac", "LongCodeHmac", "TestType", "TestDate", "SymptomDate", "IssuedAt", "ShortExpiresAt", "LongExpiresAt")
                VALUES (7, {1}, {2}, 1, '2026-11-27', NULL, '2026-11-28 11:00:00{3}', '2030-01-01 00:00:00{3}', '2030-01-01 00:00:00{3}');
            """;
        if (kind == StoreKind.Sqlite)
        {
            await using var connection = new SqliteConnection(Gardefou.Hosting.Storage.DurableSqlite.ConnectionString(database.SqlitePath!));
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = ddl + string.Format(System.Globalization.CultureInfo.InvariantCulture, rows, "", "x'01'", "x'02'", "");
            await command.ExecuteNonQueryAsync(Ct);
        }
        else
        {
            await using var connection = new NpgsqlConnection(database.Storage.PostgresConnectionString);
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = ddl + string.Format(System.Globalization.CultureInfo.InvariantCulture, rows, "verification.", "'\\x01'::bytea", "'\\x02'::bytea", "+00");
            await command.ExecuteNonQueryAsync(Ct);
        }
    }
}
