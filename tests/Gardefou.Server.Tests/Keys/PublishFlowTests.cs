using System.Net;
using System.Text.Json;
using Gardefou.Protocol.Export;
using Gardefou.Server.Tests.Support;
using Gardefou.Verification;

namespace Gardefou.Server.Tests.Keys;

/// <summary>The whole path over real HTTP: lab issues a code, phone verifies it, gets a certificate, publishes; the export worker signs a file.</summary>
public sealed class PublishFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static Dictionary<string, string?> FastSettings() => new()
    {
        ["Keys:MinimumBatchSize"] = "200",
        ["Keys:PaddingJitter"] = "20",
        ["Keys:DailyExports"] = "false",
        ["Verification:VerifyRequestsPerMinute"] = "100000",
    };

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Certified_keys_reach_a_signed_export_and_no_secret_or_address_reaches_the_logs(string provider)
    {
        string? postgres = null;
        PostgresDatabase? database = null;
        if (provider == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable("GARDEFOU_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(admin))
            {
                Assert.Skip("PostgreSQL not available: set GARDEFOU_TEST_POSTGRES (CI does)");
            }
            database = await PostgresDatabase.CreateAsync(admin);
            postgres = database.ConnectionString;
        }
        try
        {
            await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, FastSettings(), TimeSpan.FromSeconds(2), postgres);
            var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
            using var client = Clients.FromDistinctAddress(host.Host.BaseAddress);
            var phone = new Phone(client);

            var upload = await phone.PrepareUploadAsync(await phone.IssueCodeAsync(apiKey), Phone.DailyKeys(14));
            using (var published = await phone.PublishAsync(upload))
            {
                var body = await published.Content.ReadAsStringAsync(Ct);
                Assert.True(published.StatusCode == HttpStatusCode.OK, body);
                Assert.Equal(14, JsonDocument.Parse(body).RootElement.GetProperty("insertedExposures").GetInt32());
            }
            using (var replay = await phone.PublishAsync(upload))
            {
                Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
            }

            var index = await Clients.WaitForNonEmptyAsync(client, "/v1/exports/index.txt", TimeSpan.FromSeconds(30));
            var path = Assert.Single(index.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var zip = await client.GetByteArrayAsync($"/v1/exports/{path}", Ct);
            var contents = ExportFileReader.Read(zip);
            using var key = EcdsaPem.LoadPublicKey(await client.GetStringAsync("/v1/exports/public-key.pem", Ct));
            Assert.True(ExportSignatureVerifier.Verify(contents, key));
            Assert.Subset(contents.Batch.Keys.Select(k => k.Key.ToBase64()).ToHashSet(), upload.Keys.ToHashSet());
            Assert.InRange(contents.Batch.Keys.Count, 200, 220);
            Assert.Equal("", await client.GetStringAsync($"/v1/exports/index.txt?after={path}", Ct));
            Assert.Equal(index, await client.GetStringAsync("/v1/exports/index.txt?after=period/1-2-1.zip", Ct));

            if (postgres is null)
            {
                // Nothing on disk (databases, their write-ahead logs, exports) holds the client's address.
                var address = System.Text.Encoding.ASCII.GetBytes(Clients.ClientAddress.ToString());
                foreach (var file in Directory.EnumerateFiles(host.DataDirectory, "*", SearchOption.AllDirectories))
                {
                    var bytes = await File.ReadAllBytesAsync(file, Ct);
                    Assert.True(bytes.AsSpan().IndexOf(address) < 0, $"{file} contains the client address");
                }
            }

            var logs = host.LogText;
            // No line about the upload at all: the database keeps hour-truncated rows, a log line would keep the second
            // and the key count (issue 13: logs never say more than storage).
            Assert.DoesNotContain("Published", logs, StringComparison.Ordinal);
            foreach (var secret in upload.Secrets.Append(apiKey).Append(Clients.ClientAddress.ToString()))
            {
                Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            }
        }
        finally
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }
}
