using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gardefou.Protocol.Export;
using Gardefou.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Server.Tests.Conformance;

/// <summary>
/// Google's published key-server contract, exercised over real HTTP against the real server on SQLite and PostgreSQL
/// by <see cref="PublishGoogleClient"/>: publish with Google's member names and HMAC, download <c>index.txt</c> and
/// the exports, check their signatures, and find the keys with the values Google's key server would give them.
/// </summary>
public sealed class PublishConformanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_clients_hmac_reproduces_googles_own_vectors()
    {
        // google/exposure-notifications-server pkg/verification/utils_test.go, copied in tests/testdata.
        using var document = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("gaen-verification-hmac-vectors.json")));
        var secret = Convert.FromHexString(document.RootElement.GetProperty("secret_hex").GetString()!);
        var cases = document.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        foreach (var vector in cases)
        {
            var keys = vector.GetProperty("keys").EnumerateArray().Select(k => new PublishGoogleClient.Key(
                k.GetProperty("key").GetString()!, k.GetProperty("rollingStartNumber").GetInt32(), k.GetProperty("rollingPeriod").GetInt32(),
                k.TryGetProperty("transmissionRisk", out var tr) ? tr.GetInt32() : 0)).ToList();
            var expected = vector.GetProperty("expected_hmac_base64").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains(PublishGoogleClient.Hmac(secret, keys), expected);
            if (expected.Count > 1)
            {
                Assert.Contains(PublishGoogleClient.Hmac(secret, keys, withTransmissionRisk: false), expected);
            }
        }
    }

    [Fact]
    public void The_export_reader_used_below_verifies_googles_sample_export()
    {
        var contents = ExportFileReader.Read(File.ReadAllBytes(TestData.PathOf("gaen-export-samples/server-example-export.zip")));
        using var key = EcdsaPem.LoadPublicKey(File.ReadAllText(TestData.PathOf("gaen-export-samples/server-example-public.pem")));
        Assert.True(ExportSignatureVerifier.Verify(contents, key));
        Assert.Equal(2, contents.Batch.Keys.Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_client_written_from_googles_documentation_publishes_and_finds_its_keys_with_googles_values(string provider)
    {
        await using var database = await PostgresDatabase.ForProviderAsync(provider);
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, Keys.PublishFlowTests.FastSettings(), TimeSpan.FromSeconds(2), database?.ConnectionString);
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var client = new PublishGoogleClient(host.Client);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        // Symptoms 4 days ago, test yesterday; keys of the last 10 days, half of them with a transmission risk set by the app.
        var code = await client.IssueAsync(apiKey, "confirmed", today.AddDays(-1), today.AddDays(-4));
        var keys = PublishGoogleClient.DailyKeys(now, [.. Enumerable.Range(1, 10)], d => d % 2 == 0 ? 0 : 5);
        var secret = RandomNumberGenerator.GetBytes(32);
        var certificate = await client.CertificateAsync(code, PublishGoogleClient.Hmac(secret, keys));
        var (status, raw, json) = await client.PublishAsync(PublishGoogleClient.PublishBody(keys, "demo", certificate, secret));

        Assert.True(status == 200, Encoding.UTF8.GetString(raw));
        Assert.Equal(10, json.GetProperty("insertedExposures").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("revisionToken").GetString()));
        Assert.False(json.TryGetProperty("error", out _));
        Assert.False(json.TryGetProperty("code", out _));

        var found = await DownloadAsync(host.Client, [.. keys.Select(k => k.Base64)]);
        var todayInterval = (int)(now.ToUnixTimeSeconds() / 600 / 144 * 144);
        foreach (var key in keys)
        {
            Assert.True(found.TryGetValue(key.Base64, out var exported), "a published key is missing from the exports");
            Assert.Equal(key.RollingStartNumber, exported.Validity.RollingStart.Value);
            Assert.Equal(144, exported.Validity.RollingPeriod);
            Assert.Equal(ReportType.ConfirmedTest, exported.ReportType);
            // Google: the app's transmission risk is kept; 0 becomes 2 for a confirmed test (model ReportTypeTransmissionRisk).
            Assert.Equal(key.TransmissionRisk == 0 ? 2 : key.TransmissionRisk, exported.TransmissionRiskLevel);
            var daysAgo = (todayInterval - key.RollingStartNumber) / 144;
            Assert.Equal(4 - daysAgo, exported.DaysSinceOnsetOfSymptoms);
        }
    }

    [Fact]
    public async Task A_code_with_a_test_date_only_gives_days_since_onset_from_four_days_before_the_upload()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, Keys.PublishFlowTests.FastSettings(), TimeSpan.FromSeconds(2));
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var client = new PublishGoogleClient(host.Client);
        var now = DateTimeOffset.UtcNow;
        var code = await client.IssueAsync(apiKey, "confirmed", DateOnly.FromDateTime(now.UtcDateTime).AddDays(-2), null);
        var keys = PublishGoogleClient.DailyKeys(now, [1, 2, 3, 6], _ => 0);
        var secret = RandomNumberGenerator.GetBytes(32);
        var certificate = await client.CertificateAsync(code, PublishGoogleClient.Hmac(secret, keys));
        // Google's verification server sets symptomOnsetInterval only from a symptom date, never from the test date.
        Assert.False(Claims(certificate).TryGetProperty("symptomOnsetInterval", out _));
        var (status, raw, _) = await client.PublishAsync(PublishGoogleClient.PublishBody(keys, "demo", certificate, secret));
        Assert.True(status == 200, Encoding.UTF8.GetString(raw));

        var found = await DownloadAsync(host.Client, [.. keys.Select(k => k.Base64)]);
        Assert.Equal([3, 2, 1, -2], keys.Select(k => found[k.Base64].DaysSinceOnsetOfSymptoms!.Value));
    }

    [Fact]
    public async Task The_alternate_hmac_without_transmission_risk_is_accepted_when_every_risk_is_zero()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, Keys.PublishFlowTests.FastSettings(), TimeSpan.FromHours(1));
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var client = new PublishGoogleClient(host.Client);
        var now = DateTimeOffset.UtcNow;
        var keys = PublishGoogleClient.DailyKeys(now, [1, 2, 3], _ => 0);
        var secret = RandomNumberGenerator.GetBytes(32);
        var code = await client.IssueAsync(apiKey, "likely", DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1), null);
        var certificate = await client.CertificateAsync(code, PublishGoogleClient.Hmac(secret, keys, withTransmissionRisk: false));
        var (status, raw, json) = await client.PublishAsync(PublishGoogleClient.PublishBody(keys, "demo", certificate, secret));
        Assert.True(status == 200, Encoding.UTF8.GetString(raw));
        Assert.Equal(3, json.GetProperty("insertedExposures").GetInt32());
    }

    [Fact]
    public async Task Every_error_answers_googles_status_and_code_in_an_answer_of_the_one_wire_size()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, Keys.PublishFlowTests.FastSettings(), TimeSpan.FromHours(1));
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var client = new PublishGoogleClient(host.Client);
        var now = DateTimeOffset.UtcNow;
        var keys = PublishGoogleClient.DailyKeys(now, [1, 2], _ => 0);
        var secret = RandomNumberGenerator.GetBytes(32);
        var code = await client.IssueAsync(apiKey, "confirmed", DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1), null);
        var certificate = await client.CertificateAsync(code, PublishGoogleClient.Hmac(secret, keys));
        var valid = PublishGoogleClient.PublishBody(keys, "demo", certificate, secret);
        var sizes = new HashSet<int>();

        async Task ExpectAsync(string body, int status, string errorCode, string contentType = "application/json")
        {
            var (actual, raw, json) = await client.PublishAsync(body, contentType);
            Assert.True(actual == status, $"{status} expected for {body[..Math.Min(body.Length, 60)]}: {actual} {Encoding.UTF8.GetString(raw)}");
            Assert.Equal(errorCode, json.GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
            sizes.Add(WireSize(actual, raw));
        }

        await ExpectAsync("{\"temporaryExposureKeys\":", 400, "bad_request");
        await ExpectAsync("", 400, "bad_request");
        await ExpectAsync(valid.Replace("\"healthAuthorityID\"", "\"healthAuthorityId\"", StringComparison.Ordinal), 400, "bad_request");
        await ExpectAsync(valid.Replace("{\"temporaryExposureKeys\"", "{\"traveler\":true,\"temporaryExposureKeys\"", StringComparison.Ordinal), 400, "bad_request");
        await ExpectAsync(valid.Replace("\"padding\"", "\"nonce\"", StringComparison.Ordinal), 400, "bad_request");
        await ExpectAsync(valid, 415, "bad_request", "text/plain");
        await ExpectAsync(valid.Replace("\"healthAuthorityID\":\"demo\"", "\"healthAuthorityID\":\"elsewhere\"", StringComparison.Ordinal), 401, "unknown_health_authority_id");
        await ExpectAsync(PublishGoogleClient.PublishBody(keys, "demo", certificate, RandomNumberGenerator.GetBytes(32)), 401, "health_authority_verification_certificate_invalid");
        await ExpectAsync(PublishGoogleClient.PublishBody(keys, "demo", certificate[..^4] + "AAAA", secret), 401, "health_authority_verification_certificate_invalid");
        await ExpectAsync(PublishGoogleClient.PublishBody(keys.Take(1), "demo", certificate, secret), 401, "health_authority_verification_certificate_invalid");

        var (status, raw, json) = await client.PublishAsync(valid);
        Assert.True(status == 200, Encoding.UTF8.GetString(raw));
        sizes.Add(WireSize(status, raw));
        var replay = await client.PublishAsync(valid);
        Assert.Equal(400, replay.Status);
        Assert.Equal("missing_revision_token", replay.Json.GetProperty("code").GetString());
        Assert.Single(sizes);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("true")]
    public async Task Chaff_with_the_docs_padding_only_body_is_answered_2xx_and_not_processed_whatever_the_header_value(string value)
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, Keys.PublishFlowTests.FastSettings(), TimeSpan.FromHours(1));
        var client = new PublishGoogleClient(host.Client);
        var real = await client.PublishAsync("{\"padding\":\"x\"}");
        var chaff = await client.PublishAsync($"{{\"padding\":\"{Convert.ToBase64String(RandomNumberGenerator.GetBytes(512))}\"}}", chaff: value);
        var garbage = await client.PublishAsync("not json at all", "text/plain", chaff: value);

        Assert.Equal(200, chaff.Status);
        Assert.Equal(200, garbage.Status);
        Assert.Equal(WireSize(real.Status, real.Raw), WireSize(chaff.Status, chaff.Raw));
        Assert.Equal(["padding"], chaff.Json.EnumerateObject().Select(p => p.Name));
        await using var scope = host.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Gardefou.Keys.Storage.KeysDbContext>();
        Assert.Equal(0, await db.DiagnosisKeys.CountAsync(Ct));
    }

    /// <summary>
    /// What differs between publish answers on the wire: the body and the head's reason phrase and content type (the
    /// host takes a longer head's bytes from the padding; the raw-socket test in ChaffIndistinguishabilityTests counts every byte).
    /// </summary>
    private static int WireSize(int status, byte[] body) =>
        body.Length + Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status).Length + (status == 200 ? "application/json" : "application/problem+json").Length;

    /// <summary>Reads <c>index.txt</c> and its files until they hold every key of <paramref name="ours"/>; checks every signature with the published key.</summary>
    private static async Task<Dictionary<string, DiagnosisKey>> DownloadAsync(HttpClient http, IReadOnlyList<string> ours)
    {
        using var publicKey = EcdsaPem.LoadPublicKey(await http.GetStringAsync("/v1/exports/public-key.pem", Ct));
        var found = new Dictionary<string, DiagnosisKey>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var index = await http.GetStringAsync("/v1/exports/index.txt", Ct);
            foreach (var line in index.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var zip = await http.GetByteArrayAsync($"/v1/exports/{line}", Ct);
                using (var archive = new ZipArchive(new MemoryStream(zip)))
                {
                    Assert.Equal(["export.bin", "export.sig"], archive.Entries.Select(e => e.FullName).Order());
                }
                var contents = ExportFileReader.Read(zip);
                Assert.Equal("EK Export v1    ", Encoding.ASCII.GetString(contents.ExportBin.Span[..16]));
                Assert.True(ExportSignatureVerifier.Verify(contents, publicKey), $"{line} does not verify with the published key");
                foreach (var key in contents.Batch.Keys)
                {
                    found[key.Key.ToBase64()] = key;
                }
            }
            if (ours.All(found.ContainsKey))
            {
                break;
            }
            await Task.Delay(500, Ct);
        }
        return found;
    }

    private static JsonElement Claims(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(part)).RootElement.Clone();
    }
}
