using System.Globalization;
using System.Net;
using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Features;

/// <summary><c>/api/issue</c> with every member of Google's IssueCodeRequest (pkg/api/api.go, issueapi/*.go, docs/api.md).</summary>
public sealed class GoogleIssueContractTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private string _apiKey = "";

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?> { ["Verification:Realms:strict:RequireDate"] = "true" });
        _apiKey = (await _server.CreateApiKeyAsync()).Key;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_documented_optional_member_is_accepted_and_the_answer_has_googles_shape()
    {
        var uuid = Guid.NewGuid().ToString("D").ToUpperInvariant();
        using var response = await ApiCalls.PostJsonAsync(_server.Client, "/api/issue", $$"""
            {"symptomDate":"2026-11-26","testDate":"2026-11-27","testType":"confirmed","tzOffset":-300.5,"phone":"","smsTemplateLabel":"",
             "padding":"{{Convert.ToBase64String(new byte[300])}}","uuid":"{{uuid}}","externalIssuerID":"lab-7","onlyGenerateSMS":"false"}
            """, _apiKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ApiCalls.ReadJsonAsync(response);
        Assert.Equal(uuid.ToLowerInvariant(), json.GetProperty("uuid").GetString());
        Assert.Matches("^[0-9]{8}$", json.GetProperty("code").GetString());
        var expires = TestServer.Start + TimeSpan.FromMinutes(15);
        Assert.Equal("Sat, 28 Nov 2026 12:15:00 UTC", json.GetProperty("expiresAt").GetString());
        Assert.Equal(expires.ToUnixTimeSeconds(), json.GetProperty("expiresAtTimestamp").GetInt64());
        var longExpiresAt = json.GetProperty("longExpiresAt").GetString()!;
        Assert.Equal(DateTimeOffset.ParseExact(longExpiresAt.Replace("UTC", "+00:00", StringComparison.Ordinal), "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture).ToUnixTimeSeconds(), json.GetProperty("longExpiresAtTimestamp").GetInt64());
    }

    [Fact]
    public async Task Uuid_is_generated_when_absent_and_a_reused_one_is_409_uuid_already_exists()
    {
        using var first = await ApiCalls.IssueAsync(_server.Client, _apiKey, new { testType = "confirmed" });
        var generated = (await ApiCalls.ReadJsonAsync(first)).GetProperty("uuid").GetString()!;
        Assert.True(Guid.TryParse(generated, out _));

        using var again = await ApiCalls.IssueAsync(_server.Client, _apiKey, new { testType = "confirmed", uuid = generated });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("uuid_already_exists", (await ApiCalls.ReadJsonAsync(again)).GetProperty("errorCode").GetString());
        var other = await _server.CreateApiKeyAsync("north");
        using var otherRealm = await ApiCalls.IssueAsync(_server.Client, other.Key, new { testType = "confirmed", testDate = ApiCalls.Today, uuid = generated });
        Assert.Equal(HttpStatusCode.OK, otherRealm.StatusCode);
    }

    [Fact]
    public async Task Without_dates_the_demo_realm_issues_and_the_verify_answer_carries_no_dates()
    {
        using var issued = await ApiCalls.IssueAsync(_server.Client, _apiKey, new { testType = "likely" });
        var code = (await ApiCalls.ReadJsonAsync(issued)).GetProperty("code").GetString()!;

        using var verify = await ApiCalls.VerifyAsync(_server.Client, code);

        var json = await ApiCalls.ReadJsonAsync(verify);
        Assert.Equal("likely", json.GetProperty("testtype").GetString());
        Assert.False(json.TryGetProperty("testDate", out _));
        Assert.False(json.TryGetProperty("symptomDate", out _));
    }

    [Fact]
    public async Task A_realm_that_requires_a_date_answers_missing_date_and_takes_either_date()
    {
        var key = await _server.CreateApiKeyAsync("strict");

        using var none = await ApiCalls.IssueAsync(_server.Client, key.Key, new { testType = "confirmed" });
        using var symptomOnly = await ApiCalls.IssueAsync(_server.Client, key.Key, new { testType = "confirmed", symptomDate = ApiCalls.Today });

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("missing_date", (await ApiCalls.ReadJsonAsync(none)).GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.OK, symptomOnly.StatusCode);
    }

    [Theory]
    [InlineData("2026-10-30", -60)]
    [InlineData("2026-11-29", 720)]
    [InlineData("2026-10-31", 0)]
    public async Task Tz_offset_moves_the_accepted_dates_as_google_and_to_the_issuers_own_today(string date, double tzOffset)
    {
        using var response = await ApiCalls.IssueAsync(_server.Client, _apiKey, new { testType = "confirmed", testDate = date, tzOffset });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_daily_quota_and_maintenance_mode_answer_googles_429_codes()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?> { ["Verification:DailyIssueQuota"] = "1" });
        var key = await server.CreateApiKeyAsync();
        await ApiCalls.IssueCodeAsync(server.Client, key.Key);
        using var over = await ApiCalls.IssueAsync(server.Client, key.Key, new { testType = "confirmed" });
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal("quota_exceeded", (await ApiCalls.ReadJsonAsync(over)).GetProperty("errorCode").GetString());

        await using var maintenance = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?> { ["Verification:MaintenanceMode"] = "true" });
        var lab = await maintenance.CreateApiKeyAsync();
        using var issue = await ApiCalls.IssueAsync(maintenance.Client, lab.Key, new { testType = "confirmed" });
        using var verify = await ApiCalls.VerifyAsync(maintenance.Client, "12345678");
        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (issue.StatusCode, verify.StatusCode));
        Assert.Equal("maintenance_mode", (await ApiCalls.ReadJsonAsync(issue)).GetProperty("errorCode").GetString());
        Assert.Equal("maintenance_mode", (await ApiCalls.ReadJsonAsync(verify)).GetProperty("errorCode").GetString());
    }
}
