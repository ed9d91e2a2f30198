using System.Net;
using System.Text.Json;
using Gardefou.Verification.Storage;
using Gardefou.Verification.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Verification.Tests.Features;

/// <summary>
/// <c>/api/verify</c> and <c>/api/certificate</c> as Google's verification server defines them (pkg/api/api.go,
/// pkg/api/util.go, verifyapi/verify.go, certapi/certificate.go, docs/api.md).
/// </summary>
public sealed class GoogleVerifyContractTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private string _apiKey = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync(StoreKind.Sqlite);
        _apiKey = (await _server.CreateApiKeyAsync()).Key;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_android_apps_accept_list_and_nonce_are_accepted()
    {
        var (code, _) = await ApiCalls.IssueCodeAsync(_server.Client, _apiKey, "likely");

        using var response = await ApiCalls.PostJsonAsync(_server.Client, "/api/verify",
            $$"""{"code":"{{code}}","accept":["confirmed","likely","negative","user-report"],"nonce":"{{Convert.ToBase64String(new byte[256])}}","padding":"{{Convert.ToBase64String(new byte[500])}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ApiCalls.ReadJsonAsync(response);
        Assert.Equal("likely", json.GetProperty("testtype").GetString());
        Assert.True(json.TryGetProperty("padding", out _));
    }

    [Theory]
    [InlineData("[]", "likely", true)]
    [InlineData("[\"likely\"]", "likely", true)]
    [InlineData("[\"negative\"]", "likely", true)]
    [InlineData("[\"CONFIRMED\"]", "confirmed", true)]
    [InlineData("[\"user-report\"]", "confirmed", true)]
    [InlineData("[\"confirmed\"]", "likely", false)]
    [InlineData("[\"user-report\"]", "likely", false)]
    public async Task Accept_follows_googles_hierarchy_and_a_refused_type_is_412_leaving_the_code_usable(string accept, string testType, bool accepted)
    {
        var (code, _) = await ApiCalls.IssueCodeAsync(_server.Client, _apiKey, testType);

        using var response = await ApiCalls.PostJsonAsync(_server.Client, "/api/verify", $$"""{"code":"{{code}}","accept":{{accept}}}""");

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("unsupported_test_type", (await ApiCalls.ReadJsonAsync(response)).GetProperty("errorCode").GetString());
        using var retry = await ApiCalls.PostJsonAsync(_server.Client, "/api/verify", $$"""{"code":"{{code}}"}""");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Theory]
    [InlineData("""{"code":"12345678","accept":["positive"]}""", "invalid_test_type")]
    [InlineData("""{"code":"12345678","accept":[null]}""", "invalid_test_type")]
    [InlineData("""{"code":"12345678","nonce":"not base64!"}""", "unparsable_request")]
    [InlineData("""{"code":"12345678","extra":1}""", "unparsable_request")]
    [InlineData("""{"code":12345678}""", "unparsable_request")]
    [InlineData("""{"code":"12345678" """, "unparsable_request")]
    [InlineData("""{}""", "code_invalid")]
    public async Task Bad_verify_requests_get_googles_400_codes(string body, string errorCode)
    {
        using var response = await ApiCalls.PostJsonAsync(_server.Client, "/api/verify", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ApiCalls.ReadJsonAsync(response);
        Assert.Equal(errorCode, error.GetProperty("errorCode").GetString());
        Assert.Equal(errorCode, error.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("""{"token":1,"ekeyhmac":"x"}""", "token_invalid")]
    [InlineData("""{"token":"unknown","ekeyhmac":"AAAA"}""", "token_invalid")]
    [InlineData("""{"token":"unknown","ekeyhmac":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}""", "token_invalid")]
    public async Task Bad_certificate_requests_get_googles_400_codes(string body, string errorCode)
    {
        using var response = await ApiCalls.PostJsonAsync(_server.Client, "/api/certificate", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(errorCode, (await ApiCalls.ReadJsonAsync(response)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task An_unpadded_url_safe_ekeyhmac_is_accepted_as_googles_base64util_does()
    {
        var (code, _) = await ApiCalls.IssueCodeAsync(_server.Client, _apiKey);
        var token = (await ApiCalls.ReadJsonAsync(await ApiCalls.VerifyAsync(_server.Client, code))).GetProperty("token").GetString()!;
        var hmac = Convert.FromBase64String(ApiCalls.PublishedTekHmac());
        var urlSafe = Convert.ToBase64String(hmac).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        using var response = await ApiCalls.CertificateAsync(_server.Client, token, urlSafe);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/verify")]
    [InlineData("/api/certificate")]
    public async Task Chaff_with_a_padding_only_body_answers_200_and_touches_nothing(string path)
    {
        var before = await CountsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("""{"padding":"base64 encoded padding"}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Chaff", "1");

        using var response = await _server.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(2048 - "OK".Length, body.Length);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("padding", json.RootElement.EnumerateObject().Last().Name);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Every_verify_answer_has_the_same_http_head_plus_body_length()
    {
        var (code, _) = await ApiCalls.IssueCodeAsync(_server.Client, _apiKey, "likely");
        var sizes = new List<int>();
        async Task MeasureAsync(HttpResponseMessage response)
        {
            using (response)
            {
                var body = await response.Content.ReadAsByteArrayAsync(Ct);
                var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? "Retry-After: \r\n".Length + values.First().Length : 0;
                sizes.Add(body.Length + response.ReasonPhrase!.Length + retryAfter);
            }
        }
        await MeasureAsync(await ApiCalls.PostJsonAsync(_server.Client, "/api/verify", $$"""{"code":"{{code}}","accept":["confirmed"]}"""));
        await MeasureAsync(await ApiCalls.PostJsonAsync(_server.Client, "/api/verify", """{"code":"x","accept":["bogus"]}"""));
        await MeasureAsync(await ApiCalls.PostJsonAsync(_server.Client, "/api/verify", "{"));
        await MeasureAsync(await ApiCalls.PostJsonAsync(_server.Client, "/api/verify", $$"""{"code":"{{code}}"}"""));
        await MeasureAsync(await ApiCalls.PostJsonAsync(_server.Client, "/api/verify", $$"""{"code":"{{code}}"}"""));
        await MeasureAsync(await _server.Client.GetAsync("/api/verify", Ct));

        Assert.Single(sizes.Distinct());
    }

    private async Task<(int Codes, int Claimed, int Tokens, int Used)> CountsAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
        return (await db.Codes.CountAsync(Ct), await db.Codes.CountAsync(c => c.ClaimedAt != null, Ct), await db.Tokens.CountAsync(Ct), await db.Tokens.CountAsync(t => t.UsedAt != null, Ct));
    }
}
