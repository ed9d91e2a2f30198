using System.Net;
using Gardefou.Verification.Storage;
using Gardefou.Verification.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Tests.Features;

public sealed class IssueApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync(StoreKind.Sqlite);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gfv_not-a-key-anyone-was-given")]
    public async Task Issuing_needs_a_valid_api_key(string? apiKey)
    {
        using var response = await ApiCalls.IssueAsync(_server.Client, apiKey, new { testType = "confirmed", testDate = ApiCalls.Today });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await CountAsync(db => db.Codes));
    }

    [Fact]
    public async Task A_key_issues_codes_of_its_own_realm_only()
    {
        var demo = await _server.CreateApiKeyAsync("demo");
        var north = await _server.CreateApiKeyAsync("north");
        Assert.True(north.RealmCreated);
        Assert.False(demo.RealmCreated);

        await ApiCalls.IssueCodeAsync(_server.Client, north.Key);
        await ApiCalls.IssueCodeAsync(_server.Client, north.Key);
        await ApiCalls.IssueCodeAsync(_server.Client, demo.Key);

        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
        var perRealm = await db.Codes.GroupBy(c => c.RealmId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, TestContext.Current.CancellationToken);
        var northId = await db.Realms.Where(r => r.Name == "north").Select(r => r.Id).SingleAsync(TestContext.Current.CancellationToken);
        var demoId = await db.Realms.Where(r => r.Name == "demo").Select(r => r.Id).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, perRealm[northId]);
        Assert.Equal(1, perRealm[demoId]);
        var counts = await db.DailyCounts.ToDictionaryAsync(d => d.RealmId, d => d.CodesIssued, TestContext.Current.CancellationToken);
        Assert.Equal(2, counts[northId]);
        Assert.Equal(1, counts[demoId]);
    }

    [Fact]
    public async Task A_revoked_key_no_longer_issues()
    {
        var key = await _server.CreateApiKeyAsync();
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
            await db.ApiKeys.ExecuteUpdateAsync(s => s.SetProperty(k => k.Revoked, true), TestContext.Current.CancellationToken);
        }

        using var response = await ApiCalls.IssueAsync(_server.Client, key.Key, new { testType = "confirmed", testDate = ApiCalls.Today });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"testType":"negative","testDate":"2026-11-28"}""", "testType")]
    [InlineData("""{"testType":"confirmed","testDate":"28/11/2026"}""", "testDate")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-30"}""", "testDate")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-10-01"}""", "testDate")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-28","symptomDate":"2026-13-01"}""", "symptomDate")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-28","phone":"+33600000000"}""", "phone")]
    [InlineData("""{"testType":"confirmed"}""", "")]
    [InlineData("""{"testType":1,"testDate":"2026-11-28"}""", "testType")]
    [InlineData("""{"testType":null,"testDate":"2026-11-28"}""", "")]
    [InlineData("""{"TestType":"confirmed","testDate":"2026-11-28"}""", "")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-28" """, "")]
    [InlineData("[]", "")]
    [InlineData("null", "")]
    [InlineData("", "")]
    public async Task Bad_issue_requests_get_a_400_problem_and_issue_nothing(string body, string mentioned)
    {
        var key = await _server.CreateApiKeyAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/issue") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", key.Key);

        using var response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiCalls.ReadJsonAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(db => db.Codes));
    }

    [Fact]
    public async Task A_huge_body_is_refused_with_413()
    {
        var key = await _server.CreateApiKeyAsync();
        var body = $$"""{"testType":"confirmed","testDate":"2026-11-28","padding":"{{new string('A', 200_000)}}"}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/issue") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", key.Key);

        using var response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task After_the_sunset_nothing_is_issued_or_exchanged_and_codes_are_deleted()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?> { ["Verification:SunsetAt"] = "2026-11-28T13:00:00Z" });
        var key = await server.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(server.Client, key.Key);
        server.Time.Advance(TimeSpan.FromHours(1));
        using (var verify = await ApiCalls.VerifyAsync(server.Client, code))
        {
            Assert.Equal(HttpStatusCode.Gone, verify.StatusCode);
        }

        using var response = await ApiCalls.IssueAsync(server.Client, key.Key, new { testType = "confirmed", testDate = ApiCalls.Today });

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await using var scope = server.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<VerificationDbContext>().Codes.CountAsync(TestContext.Current.CancellationToken));
    }

    private async Task<int> CountAsync<T>(Func<VerificationDbContext, IQueryable<T>> set)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return await set(scope.ServiceProvider.GetRequiredService<VerificationDbContext>()).CountAsync(TestContext.Current.CancellationToken);
    }
}
