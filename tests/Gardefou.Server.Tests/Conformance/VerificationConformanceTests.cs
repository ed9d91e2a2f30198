using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gardefou.Server.Tests.Keys;
using Gardefou.Verification;

namespace Gardefou.Server.Tests.Conformance;

/// <summary>
/// A client written only from Google's published verification-server documentation (docs/api.md, pkg/api/api.go) and
/// the Android reference app's requests, against the real Gardefou host over HTTP: the lab issues codes with and
/// without the optional members, the phone verifies with <c>accept</c>, gets a certificate for an HMAC computed from
/// Google's own test vectors, and every documented error answers Google's status and code.
/// </summary>
public abstract class VerificationConformanceTests
{
    private const string AndroidAccept = """["confirmed","likely","negative","user-report"]""";

    private static readonly string s_rfc1123 = "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} UTC$";

    private readonly bool _postgres;

    protected VerificationConformanceTests(bool postgres) => _postgres = postgres;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_written_from_googles_docs_goes_from_lab_to_certificate_and_gets_googles_errors()
    {
        PostgresDatabase? database = null;
        if (_postgres)
        {
            var admin = Environment.GetEnvironmentVariable("GARDEFOU_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(admin))
            {
                Assert.Skip("PostgreSQL not available: set GARDEFOU_TEST_POSTGRES (CI does)");
            }
            database = await PostgresDatabase.CreateAsync(admin);
        }
        try
        {
            await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, PublishFlowTests.FastSettings(), postgres: database?.ConnectionString);
            var lab = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
            await RunAsync(host.Client, lab);
        }
        finally
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }

    private static async Task RunAsync(HttpClient client, string lab)
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The lab, with the IssueCodeRequest of docs/api.md (every member but a phone: no SMS provider here).
        var uuid = Guid.NewGuid().ToString();
        var (status, issued) = await PostAsync(client, "/api/issue", $$"""
            {"symptomDate":"{{yesterday}}","testDate":"{{today}}","testType":"confirmed","tzOffset":0,"smsTemplateLabel":"my sms template",
             "padding":"{{Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))}}","uuid":"{{uuid}}","externalIssuerID":"external-ID","onlyGenerateSMS":false}
            """, lab);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(uuid, issued.GetProperty("uuid").GetString());
        Assert.Matches("^[0-9]{8}$", issued.GetProperty("code").GetString());
        Assert.Matches(s_rfc1123, issued.GetProperty("expiresAt").GetString());
        Assert.Matches(s_rfc1123, issued.GetProperty("longExpiresAt").GetString());
        Assert.Equal(
            DateTimeOffset.FromUnixTimeSeconds(issued.GetProperty("expiresAtTimestamp").GetInt64()).UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            issued.GetProperty("expiresAt").GetString());
        var (conflict, conflictBody) = await PostAsync(client, "/api/issue", $$"""{"testType":"confirmed","testDate":"{{today}}","uuid":"{{uuid}}"}""", lab);
        AssertError(conflict, conflictBody, 409, "uuid_already_exists");

        // A second lab request with only the test type and a test date.
        var (minimalStatus, minimal) = await PostAsync(client, "/api/issue", $$"""{"testType":"likely","testDate":"{{yesterday}}"}""", lab);
        Assert.Equal(HttpStatusCode.OK, minimalStatus);
        Assert.True(Guid.TryParse(minimal.GetProperty("uuid").GetString(), out _));

        // The phone, as the Android app: X-API-Key of its old server, accept list, padding.
        var (verifyStatus, verified) = await PostAsync(client, "/api/verify",
            $$"""{"code":"{{issued.GetProperty("code").GetString()}}","accept":{{AndroidAccept}},"padding":"{{Convert.ToBase64String(RandomNumberGenerator.GetBytes(300))}}"}""", "android-app-key");
        Assert.Equal(HttpStatusCode.OK, verifyStatus);
        Assert.Equal("confirmed", verified.GetProperty("testtype").GetString());
        Assert.Equal(yesterday, verified.GetProperty("symptomDate").GetString());
        Assert.Equal(today, verified.GetProperty("testDate").GetString());

        // ekeyhmac from Google's published HMAC vectors (key server pkg/verification/utils_test.go).
        using var vectors = JsonDocument.Parse(await File.ReadAllTextAsync(TestData.PathOf("gaen-verification-hmac-vectors.json"), Ct));
        var secret = Convert.FromHexString(vectors.RootElement.GetProperty("secret_hex").GetString()!);
        var vector = vectors.RootElement.GetProperty("cases")[0];
        var cleartext = string.Join(',', vector.GetProperty("keys").EnumerateArray()
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.GetProperty("key").GetString()}.{k.GetProperty("rollingStartNumber").GetInt32()}.{k.GetProperty("rollingPeriod").GetInt32()}.{k.GetProperty("transmissionRisk").GetInt32()}"))
            .Order(StringComparer.Ordinal));
        var ekeyhmac = Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(cleartext)));
        Assert.Equal(vector.GetProperty("expected_hmac_base64")[0].GetString(), ekeyhmac);

        var token = verified.GetProperty("token").GetString()!;
        var (certifyStatus, certified) = await PostAsync(client, "/api/certificate", $$"""{"token":"{{token}}","ekeyhmac":"{{ekeyhmac}}","padding":"{{Convert.ToBase64String(RandomNumberGenerator.GetBytes(200))}}"}""", "android-app-key");
        Assert.Equal(HttpStatusCode.OK, certifyStatus);
        var (header, claims) = Decode(certified.GetProperty("certificate").GetString()!);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(header.GetProperty("kid").GetString()));
        Assert.Equal("confirmed", claims.GetProperty("reportType").GetString());
        Assert.Equal(ekeyhmac, claims.GetProperty("tekmac").GetString());
        var symptomMidnight = new DateTimeOffset(DateTime.SpecifyKind(DateTime.ParseExact(yesterday, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc));
        Assert.Equal(symptomMidnight.ToUnixTimeSeconds() / 600, claims.GetProperty("symptomOnsetInterval").GetInt64());
        Assert.Equal(JsonValueKind.String, claims.GetProperty("aud").ValueKind);
        Assert.Equal(claims.GetProperty("iat").GetInt64(), claims.GetProperty("nbf").GetInt64());
        var (usedStatus, usedBody) = await PostAsync(client, "/api/certificate", $$"""{"token":"{{token}}","ekeyhmac":"{{ekeyhmac}}"}""");
        AssertError(usedStatus, usedBody, 400, "token_expired");

        // A code with a test date only: the certificate has no symptomOnsetInterval.
        var (_, likely) = await PostAsync(client, "/api/verify", $$"""{"code":"{{minimal.GetProperty("code").GetString()}}","accept":["likely"]}""");
        var (_, likelyCertificate) = await PostAsync(client, "/api/certificate", $$"""{"token":"{{likely.GetProperty("token").GetString()}}","ekeyhmac":"{{ekeyhmac}}"}""");
        var (_, likelyClaims) = Decode(likelyCertificate.GetProperty("certificate").GetString()!);
        Assert.Equal("likely", likelyClaims.GetProperty("reportType").GetString());
        Assert.False(likelyClaims.TryGetProperty("symptomOnsetInterval", out _));

        // Google's error table, endpoint by endpoint.
        var (_, forLikely) = await PostAsync(client, "/api/issue", $$"""{"testType":"likely","testDate":"{{today}}"}""", lab);
        var likelyCode = forLikely.GetProperty("code").GetString();
        await ExpectAsync(client, "/api/verify", $$"""{"code":"{{likelyCode}}","accept":["confirmed"]}""", 412, "unsupported_test_type");
        await ExpectAsync(client, "/api/verify", $$"""{"code":"{{likelyCode}}","accept":["something"]}""", 400, "invalid_test_type");
        await ExpectAsync(client, "/api/verify", $$"""{"code":"{{issued.GetProperty("code").GetString()}}"}""", 400, "code_invalid");
        await ExpectAsync(client, "/api/verify", """{"code":"00000000x"}""", 400, "code_invalid");
        await ExpectAsync(client, "/api/verify", """{"code":""", 400, "unparsable_request");
        await ExpectAsync(client, "/api/certificate", """{"token":"not-a-token","ekeyhmac":"AAAA"}""", 400, "token_invalid");
        var (_, fresh) = await PostAsync(client, "/api/verify", $$"""{"code":"{{likelyCode}}"}""");
        await ExpectAsync(client, "/api/certificate", $$"""{"token":"{{fresh.GetProperty("token").GetString()}}","ekeyhmac":"AAAA"}""", 400, "hmac_invalid");
        await ExpectAsync(client, "/api/issue", $$"""{"testType":"bogus","testDate":"{{today}}"}""", 400, "invalid_test_type", lab);
        await ExpectAsync(client, "/api/issue", """{"testType":"confirmed","testDate":"2020-01-01"}""", 400, "invalid_date", lab);
        await ExpectAsync(client, "/api/issue", """{"testType":"confirmed","testDate":"yesterday"}""", 400, "unparsable_request", lab);

        // Chaff, as the curl example of docs/api.md#chaffing-requests.
        foreach (var path in new[] { "/api/verify", "/api/certificate" })
        {
            using var chaff = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("""{"padding":"base64 encoded padding"}""", Encoding.UTF8, "application/json") };
            chaff.Headers.Add("x-api-key", "YOUR-API-KEY");
            chaff.Headers.Add("accept", "application/json");
            chaff.Headers.Add("x-chaff", "1");
            using var response = await client.SendAsync(chaff, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static async Task ExpectAsync(HttpClient client, string path, string json, int status, string errorCode, string? apiKey = null)
    {
        var (actual, body) = await PostAsync(client, path, json, apiKey);
        AssertError(actual, body, status, errorCode);
    }

    private static void AssertError(HttpStatusCode actual, JsonElement body, int status, string errorCode)
    {
        Assert.Equal(status, (int)actual);
        Assert.Equal(errorCode, body.GetProperty("errorCode").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, string json, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("accept", "application/json");
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone());
    }

    private static (JsonElement Header, JsonElement Claims) Decode(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return (JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement.Clone(), JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.Clone());
    }
}

/// <summary>The conformance run on SQLite.</summary>
public sealed class VerificationConformanceSqliteTests() : VerificationConformanceTests(postgres: false);

/// <summary>The conformance run on PostgreSQL.</summary>
public sealed class VerificationConformancePostgresTests() : VerificationConformanceTests(postgres: true);
