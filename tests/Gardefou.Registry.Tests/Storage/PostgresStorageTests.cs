using System.Text.Json;
using Gardefou.Registry.Tests.Support;
using Npgsql;

namespace Gardefou.Registry.Tests.Storage;

/// <summary>The same domain on PostgreSQL, in its own schema, sharing one database with another domain's tables.</summary>
public sealed class PostgresStorageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_registry_creates_its_schema_beside_other_tables_and_serves_from_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateOrSkipAsync();
        var connectionString = database.ConnectionString;
        var data = Directory.CreateTempSubdirectory("gf-registry-pg-").FullName;
        try
        {
            // Another domain got there first: EnsureCreated alone would see a table and do nothing.
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(Ct);
                await using var other = new NpgsqlCommand("CREATE SCHEMA keys; CREATE TABLE keys.diagnosis_keys (id int primary key)", connection);
                await other.ExecuteNonQueryAsync(Ct);
            }
            await using (var server = await RegistryServer.StartAsync(demoSites: 200, dataDirectory: data, postgres: connectionString))
            {
                await server.AddSitesAsync(Sites.At("pg", 45.76, 4.84, "test.pcr"));
                var credential = await server.IssueCredentialAsync("pg");
                (await server.PostUpdateAsync("pg", credential, new { type = "test.pcr", available = 8 })).EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.76&lon=4.84&radiusKm=1&type=test", Ct));
                Assert.Equal(8, json.RootElement.GetProperty("results")[0].GetProperty("available").GetInt32());
                Assert.Equal(201, server.State.Index.Count);
            }
            // A second start on the same database finds its tables and its data (idempotent initialization).
            await using (var again = await RegistryServer.StartAsync(demoSites: 200, dataDirectory: data, postgres: connectionString))
            {
                Assert.Equal(201, again.State.Index.Count);
                Assert.True(again.State.Index.TryGet("pg", out var site));
                Assert.Equal(8, site.Capacity[Gardefou.Registry.Model.ResourceType.Parse("test.pcr").Code]!.Available);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
