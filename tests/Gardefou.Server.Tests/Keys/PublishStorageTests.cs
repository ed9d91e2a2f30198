using System.Net;
using System.Text.Json;
using Gardefou.Keys.Storage;
using Gardefou.Server.Tests.Support;
using Gardefou.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Server.Tests.Keys;

/// <summary>Group commit over real HTTP: concurrent publishes all land once, and a refused write is never answered with 200.</summary>
public sealed class PublishStorageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_publishes_land_once_and_a_refused_write_gets_503_and_can_be_retried()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, PublishFlowTests.FastSettings());
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        using var client = Clients.FromDistinctAddress(host.Host.BaseAddress);
        var phone = new Phone(client);
        var uploads = new List<Upload>();
        for (var i = 0; i < 11; i++)
        {
            uploads.Add(await phone.PrepareUploadAsync(await phone.IssueCodeAsync(apiKey), Phone.DailyKeys(14)));
        }

        var responses = await Task.WhenAll(uploads.Take(10).Select(async upload =>
        {
            using var response = await phone.PublishAsync(upload);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
        }));
        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.OK, r.Body));
        Assert.Equal(140, await KeyCountAsync(host));

        // A real trigger makes the database refuse every insert, as a full disk or a broken volume would.
        await ExecuteAsync(host, "CREATE TRIGGER refuse_all BEFORE INSERT ON diagnosis_keys BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        using (var refused = await phone.PublishAsync(uploads[10]))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var body = await refused.Content.ReadAsByteArrayAsync(Ct);
            // One wire size for every publish answer: the longer head ("503 Service Unavailable", problem+json) is paid from the padding.
            Assert.Equal(2048 - ("Service Unavailable".Length - "OK".Length) - ("application/problem+json".Length - "application/json".Length), body.Length);
            Assert.Equal("internal_error", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        }
        Assert.Equal(140, await KeyCountAsync(host));
        Assert.Contains("Storing an upload failed", host.LogText, StringComparison.Ordinal);

        // Nothing of the refused upload was stored, so the device's retry with the same certificate succeeds.
        await ExecuteAsync(host, "DROP TRIGGER refuse_all");
        using (var retried = await phone.PublishAsync(uploads[10]))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }
        Assert.Equal(154, await KeyCountAsync(host));
        Assert.Equal(11, host.Host.Services.GetRequiredService<UploadWriter>().StoredUploads);
        foreach (var secret in uploads.SelectMany(u => u.Secrets))
        {
            Assert.DoesNotContain(secret, host.LogText, StringComparison.Ordinal);
        }
    }

    private static async Task<int> KeyCountAsync(LoopbackHost host)
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeysDbContext>().DiagnosisKeys.CountAsync(Ct);
    }

    private static async Task ExecuteAsync(LoopbackHost host, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "keys.db")}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
