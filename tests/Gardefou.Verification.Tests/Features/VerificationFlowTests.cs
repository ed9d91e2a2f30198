using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Time;
using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Features;

/// <summary>Issue → verify → certificate over real HTTP, on each store.</summary>
public abstract class VerificationFlowTests : IAsyncLifetime
{
    private readonly StoreKind _kind;
    private TestServer _server = null!;

    protected VerificationFlowTests(StoreKind kind) => _kind = kind;

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync(_kind);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Issued_code_becomes_a_token_then_a_certificate_signed_by_the_published_key()
    {
        var key = await _server.CreateApiKeyAsync();
        var (code, longCode) = await ApiCalls.IssueCodeAsync(_server.Client, key.Key, "likely", symptomDate: "2026-11-25");
        Assert.Matches("^[0-9]{8}$", code);
        Assert.Matches("^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{16}$", longCode);

        using var verify = await ApiCalls.VerifyAsync(_server.Client, code);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var verified = await ApiCalls.ReadJsonAsync(verify);
        Assert.Equal("likely", verified.GetProperty("testtype").GetString());
        Assert.Equal("2026-11-25", verified.GetProperty("symptomDate").GetString());
        var token = verified.GetProperty("token").GetString()!;

        var hmac = ApiCalls.PublishedTekHmac();
        using var certify = await ApiCalls.CertificateAsync(_server.Client, token, hmac);
        Assert.Equal(HttpStatusCode.OK, certify.StatusCode);
        var certificate = (await ApiCalls.ReadJsonAsync(certify)).GetProperty("certificate").GetString()!;

        var keys = await _server.Client.GetFromJsonAsync<JsonElement>("/.well-known/gardefou/verification-keys", TestContext.Current.CancellationToken);
        var published = keys.GetProperty("keys")[0];
        var (header, claims) = Jwt.VerifyEs256(certificate, published.GetProperty("publicKeyPem").GetString()!);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal(published.GetProperty("kid").GetString(), header.GetProperty("kid").GetString());
        Assert.Equal(keys.GetProperty("issuer").GetString(), claims.GetProperty("iss").GetString());
        Assert.Equal(keys.GetProperty("audience").GetString(), claims.GetProperty("aud").GetString());
        Assert.Equal("likely", claims.GetProperty("reportType").GetString());
        Assert.Equal(hmac, claims.GetProperty("tekmac").GetString());
        Assert.Equal(EnIntervalNumber.StartOf(new DateOnly(2026, 11, 25)).Value, claims.GetProperty("symptomOnsetInterval").GetInt32());
        Assert.Equal((TestServer.Start + TimeSpan.FromMinutes(15)).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task Certificate_passes_the_protocol_validator_for_exactly_the_keys_it_was_issued_for()
    {
        var key = await _server.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(_server.Client, key.Key);
        var token = (await ApiCalls.ReadJsonAsync(await ApiCalls.VerifyAsync(_server.Client, code))).GetProperty("token").GetString()!;
        var secret = RandomNumberGenerator.GetBytes(32);
        var start = EnIntervalNumber.StartOf(DateOnly.FromDateTime(TestServer.Start.UtcDateTime)).Value;
        var teks = Enumerable.Range(1, 14)
            .Select(day => new TekMacKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), start - (day * 144), 144, 0))
            .ToList();

        using var certify = await ApiCalls.CertificateAsync(_server.Client, token, TekMac.ComputeBase64(secret, teks));
        var certificate = (await ApiCalls.ReadJsonAsync(certify)).GetProperty("certificate").GetString()!;

        var keys = await _server.Client.GetFromJsonAsync<JsonElement>("/.well-known/gardefou/verification-keys", TestContext.Current.CancellationToken);
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(keys.GetProperty("keys")[0].GetProperty("publicKeyPem").GetString());
        var kid = keys.GetProperty("keys")[0].GetProperty("kid").GetString();
        var issuer = keys.GetProperty("issuer").GetString();
        var validator = new CertificateValidator(
            new CertificateValidatorOptions
            {
                Audience = keys.GetProperty("audience").GetString()!,
                ResolveKey = (iss, k) => iss == issuer && k == kid ? publicKey : null,
            },
            _server.Time);

        var valid = validator.Validate(certificate, secret, teks);
        Assert.True(valid.IsValid, valid.Message);
        Assert.Equal(CertificateReportType.Confirmed, valid.Certificate.ReportType);
        var other = teks.Select((t, i) => i == 0 ? t with { RollingPeriod = 143 } : t).ToList();
        Assert.Equal(CertificateValidationError.MacMismatch, validator.Validate(certificate, secret, other).Error);
        _server.Time.Advance(TimeSpan.FromMinutes(17));
        Assert.False(validator.Validate(certificate, secret, teks).IsValid);
    }

    [Fact]
    public async Task Long_code_is_accepted_in_lower_case_with_dashes_and_without_symptom_date_the_certificate_has_no_onset()
    {
        var key = await _server.CreateApiKeyAsync();
        var (_, longCode) = await ApiCalls.IssueCodeAsync(_server.Client, key.Key);
        var typed = string.Join('-', longCode.Chunk(4).Select(c => new string(c))).ToLowerInvariant();

        using var verify = await ApiCalls.VerifyAsync(_server.Client, typed);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var verified = await ApiCalls.ReadJsonAsync(verify);
        Assert.False(verified.TryGetProperty("symptomDate", out _));
        Assert.Equal("confirmed", verified.GetProperty("testtype").GetString());

        using var certify = await ApiCalls.CertificateAsync(_server.Client, verified.GetProperty("token").GetString()!, ApiCalls.PublishedTekHmac());
        var certificate = (await ApiCalls.ReadJsonAsync(certify)).GetProperty("certificate").GetString()!;
        var pem = _server.Services.GetRequiredService<Security.DomainKeys>().PublicKeyPem;
        var (_, claims) = Jwt.VerifyEs256(certificate, pem);
        // Google sets the onset only from the symptom date (certapi: subject.SymptomInterval()).
        Assert.False(claims.TryGetProperty("symptomOnsetInterval", out _));
    }

    [Fact]
    public async Task Wrong_and_replayed_codes_are_code_invalid_and_expired_ones_code_expired_as_google()
    {
        var key = await _server.CreateApiKeyAsync();
        var (used, _) = await ApiCalls.IssueCodeAsync(_server.Client, key.Key);
        (await ApiCalls.VerifyAsync(_server.Client, used)).EnsureSuccessStatusCode();
        var (expiring, longExpiring) = await ApiCalls.IssueCodeAsync(_server.Client, key.Key);

        var wrong = used == "12345678" ? "87654321" : "12345678";
        var invalid = new List<(HttpStatusCode Status, string Code, int Size)>();
        foreach (var attempt in new[] { wrong, used, "not a code", "" })
        {
            invalid.Add(await ReadErrorAsync(await ApiCalls.VerifyAsync(_server.Client, attempt)));
        }
        _server.Time.Advance(TimeSpan.FromMinutes(16));
        var expiredShort = await ReadErrorAsync(await ApiCalls.VerifyAsync(_server.Client, expiring));
        _server.Time.Advance(TimeSpan.FromHours(24));
        var expiredLong = await ReadErrorAsync(await ApiCalls.VerifyAsync(_server.Client, longExpiring));

        Assert.All(invalid, a => Assert.Equal((HttpStatusCode.BadRequest, "code_invalid"), (a.Status, a.Code)));
        Assert.Equal((HttpStatusCode.BadRequest, "code_expired"), (expiredShort.Status, expiredShort.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "code_expired"), (expiredLong.Status, expiredLong.Code));
        Assert.Single(invalid.Append(expiredShort).Append(expiredLong).Select(a => a.Size).Distinct());
    }

    [Fact]
    public async Task A_token_gives_one_certificate_then_token_expired_and_an_unknown_token_is_token_invalid()
    {
        var key = await _server.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(_server.Client, key.Key);
        var token = (await ApiCalls.ReadJsonAsync(await ApiCalls.VerifyAsync(_server.Client, code))).GetProperty("token").GetString()!;
        var hmac = ApiCalls.PublishedTekHmac();

        (await ApiCalls.CertificateAsync(_server.Client, token, hmac)).EnsureSuccessStatusCode();
        var replay = await ReadErrorAsync(await ApiCalls.CertificateAsync(_server.Client, token, hmac));
        var wrong = await ReadErrorAsync(await ApiCalls.CertificateAsync(_server.Client, "AAAA" + token[4..], hmac));

        // Google's certapi answers a used token with token_expired and a token it cannot read with token_invalid.
        Assert.Equal((HttpStatusCode.BadRequest, "token_expired"), (replay.Status, replay.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "token_invalid"), (wrong.Status, wrong.Code));
        Assert.Equal(replay.Size, wrong.Size);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var key = await _server.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(_server.Client, key.Key);
        var token = (await ApiCalls.ReadJsonAsync(await ApiCalls.VerifyAsync(_server.Client, code))).GetProperty("token").GetString()!;
        _server.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        using var response = await ApiCalls.CertificateAsync(_server.Client, token, ApiCalls.PublishedTekHmac());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("token_expired", (await ApiCalls.ReadJsonAsync(response)).GetProperty("errorCode").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAA")]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_ekeyhmac_that_is_not_32_bytes_is_refused_without_using_the_token(string ekeyhmac)
    {
        var key = await _server.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(_server.Client, key.Key);
        var token = (await ApiCalls.ReadJsonAsync(await ApiCalls.VerifyAsync(_server.Client, code))).GetProperty("token").GetString()!;

        using var bad = await ApiCalls.CertificateAsync(_server.Client, token, ekeyhmac);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("hmac_invalid", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var good = await ApiCalls.CertificateAsync(_server.Client, token, ApiCalls.PublishedTekHmac());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string Code, int Size)> ReadErrorAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            var code = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errorCode").GetString()!;
            return (response.StatusCode, code, body.Length);
        }
    }
}
