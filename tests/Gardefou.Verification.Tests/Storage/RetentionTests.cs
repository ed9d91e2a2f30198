using Gardefou.Verification.Storage;
using Gardefou.Verification.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Tests.Storage;

public sealed class RetentionTests
{
    [Fact]
    public async Task Expired_codes_and_tokens_are_deleted_and_counters_outlive_them_only_as_aggregates()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?> { ["Verification:CountRetentionDays"] = "30" });
        var key = await server.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(server.Client, key.Key);
        (await ApiCalls.VerifyAsync(server.Client, code)).EnsureSuccessStatusCode();
        await ApiCalls.IssueCodeAsync(server.Client, key.Key);
        Assert.Equal((2, 1, 1), await CountsAsync(server));

        server.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await ApiCalls.IssueCodeAsync(server.Client, key.Key);
        Assert.Equal((1, 0, 2), await CountsAsync(server));

        server.Time.Advance(TimeSpan.FromDays(31));
        await ApiCalls.IssueCodeAsync(server.Client, key.Key, testDate: server.Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((1, 0, 1), await CountsAsync(server));
    }

    private static async Task<(int Codes, int Tokens, int Days)> CountsAsync(TestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
        var ct = TestContext.Current.CancellationToken;
        return (await db.Codes.CountAsync(ct), await db.Tokens.CountAsync(ct), await db.DailyCounts.CountAsync(ct));
    }
}
