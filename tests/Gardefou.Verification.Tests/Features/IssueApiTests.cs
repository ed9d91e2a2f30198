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
    public async Task Issuing_needs_a_valid_admin_api_key_else_401_as_google(string? apiKey)
    {
        using var response = await ApiCalls.IssueAsync(_server.Client, apiKey, new { testType = "confirmed", testDate = ApiCalls.Today });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await ApiCalls.ReadJsonAsync(response);
        Assert.Equal("unauthorized", error.GetProperty("error").GetString());
        Assert.Equal("", error.GetProperty("errorCode").GetString());
        Assert.Equal(0, await CountAsync(db => db.Codes));
    }

    [Fact]
    public async Task A_device_key_cannot_issue_codes()
    {
        var device = await _server.Services.CreateApiKeyAsync("demo", "app", ApiKeyKind.Device, TestContext.Current.CancellationToken);

        using var response = await ApiCalls.IssueAsync(_server.Client, device.Key, new { testType = "confirmed", testDate = ApiCalls.Today });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
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
    [InlineData("""{"testType":"negative","testDate":"2026-11-28"}""", 400, "unsupported_test_type")]
    [InlineData("""{"testType":"user-report","testDate":"2026-11-28"}""", 400, "unsupported_test_type")]
    [InlineData("""{"testType":"positive","testDate":"2026-11-28"}""", 400, "invalid_test_type")]
    [InlineData("""{"testDate":"2026-11-28"}""", 400, "invalid_test_type")]
    [InlineData("""{"testType":null,"testDate":"2026-11-28"}""", 400, "invalid_test_type")]
    [InlineData("""{"testType":"confirmed","testDate":"28/11/2026"}""", 400, "unparsable_request")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-29"}""", 400, "invalid_date")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-10-30"}""", 400, "invalid_date")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-10-29","tzOffset":-60}""", 400, "invalid_date")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-30","tzOffset":720}""", 400, "invalid_date")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-28","symptomDate":"2026-13-01"}""", 400, "unparsable_request")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-28","phone":"not a phone"}""", 400, "phone_number_invalid")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-28","phone":"+33 6 00 00 00 00","onlyGenerateSMS":true}""", 400, "unparsable_request")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-28","uuid":"not-a-uuid"}""", 400, "unparsable_request")]
    [InlineData("""{"testType":1,"testDate":"2026-11-28"}""", 400, "unparsable_request")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-28","tzOffset":"60"}""", 400, "unparsable_request")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-28","unknown":1}""", 400, "unparsable_request")]
    [InlineData("""{"testType":"confirmed","testDate":"2026-11-28" """, 400, "unparsable_request")]
    [InlineData("[]", 400, "unparsable_request")]
    [InlineData("null", 400, "unparsable_request")]
    [InlineData("", 400, "unparsable_request")]
    public async Task Bad_issue_requests_get_googles_status_and_error_code_and_issue_nothing(string body, int status, string errorCode)
    {
        var key = await _server.CreateApiKeyAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/issue") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", key.Key);

        using var response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await ApiCalls.ReadJsonAsync(response);
        Assert.Equal(errorCode, error.GetProperty("errorCode").GetString());
        Assert.Equal(errorCode, error.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        Assert.Equal(status, error.GetProperty("status").GetInt32());
        Assert.Equal(0, await CountAsync(db => db.Codes));
    }

    [Fact]
    public async Task A_phone_without_an_sms_provider_is_answered_as_google_does_for_a_realm_without_sms()
    {
        var key = await _server.CreateApiKeyAsync();

        using var response = await ApiCalls.IssueAsync(_server.Client, key.Key, new { testType = "confirmed", testDate = ApiCalls.Today, phone = "+1 650 555 0100", smsTemplateLabel = "Default SMS template" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ApiCalls.ReadJsonAsync(response);
        Assert.Equal("phone provided, but no sms provider is configured", error.GetProperty("error").GetString());
        Assert.Equal("", error.GetProperty("errorCode").GetString());
        Assert.Equal(0, await CountAsync(db => db.Codes));
    }

    [Fact]
    public async Task A_body_over_googles_64000_bytes_is_unparsable()
    {
        var key = await _server.CreateApiKeyAsync();
        var body = $$"""{"testType":"confirmed","testDate":"2026-11-28","padding":"{{new string('A', 200_000)}}"}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/issue") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", key.Key);

        using var response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unparsable_request", (await ApiCalls.ReadJsonAsync(response)).GetProperty("errorCode").GetString());
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
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await using var scope = server.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<VerificationDbContext>().Codes.CountAsync(TestContext.Current.CancellationToken));
    }

    private async Task<int> CountAsync<T>(Func<VerificationDbContext, IQueryable<T>> set)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return await set(scope.ServiceProvider.GetRequiredService<VerificationDbContext>()).CountAsync(TestContext.Current.CancellationToken);
    }
}
