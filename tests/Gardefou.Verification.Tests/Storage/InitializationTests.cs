using System.Net;
using Gardefou.Verification.Storage;
using Gardefou.Verification.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gardefou.Verification.Tests.Storage;

public sealed class InitializationTests
{
    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task A_restart_keeps_the_signing_key_and_accounts_and_creates_no_second_admin(StoreKind kind)
    {
        var first = await TestServer.StartAsync(kind);
        var admin = first.Initialization.CreatedAdmin;
        Assert.NotNull(admin);
        Assert.Equal("demo", admin.Realm);
        Assert.DoesNotContain(admin.Password, admin.ToString(), StringComparison.Ordinal);
        var kid = first.Initialization.CertificateKeyId;
        var key = await first.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(first.Client, key.Key);
        var database = await first.StopKeepingDatabaseAsync();

        await using var second = await TestServer.StartAsync(kind, null, database);
        await second.Services.InitializeVerificationDomainAsync(TestContext.Current.CancellationToken);

        Assert.Null(second.Initialization.CreatedAdmin);
        Assert.Equal(kid, second.Initialization.CertificateKeyId);
        using var verify = await ApiCalls.VerifyAsync(second.Client, code);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        using var portal = await PortalSession.SignInAsync(second, admin.UserName, admin.Password);
        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
        Assert.Equal(1, await db.HealthWorkers.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task On_a_postgres_database_that_already_has_other_tables_the_schema_is_still_created()
    {
        await using var database = await TestDatabase.CreateAsync(StoreKind.Postgres);
        await using (var connection = new NpgsqlConnection(database.Storage.PostgresConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // Another domain got there first: EnsureCreated alone would now see a non-empty database and do nothing.
            await using var other = new NpgsqlCommand("CREATE SCHEMA keys; CREATE TABLE keys.diagnosis_keys (id int primary key);", connection);
            await other.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var server = await TestServer.StartAsync(StoreKind.Postgres, null, database);
        var key = await server.CreateApiKeyAsync();
        await ApiCalls.IssueCodeAsync(server.Client, key.Key);

        await using var check = new NpgsqlConnection(database.Storage.PostgresConnectionString);
        await check.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM verification.codes", check);
        Assert.Equal(1L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Concurrent_claims_of_one_code_give_exactly_one_token(StoreKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var key = await server.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(server.Client, key.Key);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await ApiCalls.VerifyAsync(server.Client, code);
            return response.StatusCode;
        }));

        Assert.Single(statuses, s => s == HttpStatusCode.OK);
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.BadRequest));
    }
}
