using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gardefou.Server.Tests.Conformance;

/// <summary>
/// A phone written only from Google's published documentation (key server docs/getting-started/publishing-temporary-
/// exposure-keys.md, docs/design/verification_protocol.md, verification server docs/api.md) and what Google's Android
/// app sends (keyupload/DiagnosisAttestor.java, UploadController): its own HMAC, its own JSON, nothing of Gardefou's
/// code on the wire side.
/// </summary>
internal sealed class PublishGoogleClient
{
    private readonly HttpClient _http;

    public PublishGoogleClient(HttpClient http) => _http = http;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One key as the publish API names its members.</summary>
    public sealed record Key(string Base64, int RollingStartNumber, int RollingPeriod, int TransmissionRisk);

    /// <summary>
    /// The verification protocol's HMAC: per key <c>key.rollingStartNumber.rollingPeriod.transmissionRisk</c> (three
    /// segments in the alternate form), segments sorted, joined by commas, HMAC-SHA256, standard base64.
    /// </summary>
    public static string Hmac(byte[] secret, IEnumerable<Key> keys, bool withTransmissionRisk = true)
    {
        var segments = keys.Select(k => withTransmissionRisk
            ? $"{k.Base64}.{k.RollingStartNumber}.{k.RollingPeriod}.{k.TransmissionRisk}"
            : $"{k.Base64}.{k.RollingStartNumber}.{k.RollingPeriod}").ToList();
        segments.Sort(StringComparer.Ordinal);
        return Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(string.Join(",", segments))));
    }

    /// <summary>Daily keys of the <paramref name="daysAgo"/> days before <paramref name="now"/>, the transmission risk given per key.</summary>
    public static List<Key> DailyKeys(DateTimeOffset now, IReadOnlyList<int> daysAgo, Func<int, int> transmissionRisk)
    {
        var today = (int)(now.ToUnixTimeSeconds() / 600 / 144 * 144);
        return [.. daysAgo.Select(d => new Key(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), today - (d * 144), 144, transmissionRisk(d)))];
    }

    /// <summary>Lab: <c>POST /api/issue</c> with an admin API key.</summary>
    public async Task<string> IssueAsync(string apiKey, string testType, DateOnly testDate, DateOnly? symptomDate)
    {
        var body = new JsonObject { ["testType"] = testType, ["testDate"] = testDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        if (symptomDate is { } symptom)
        {
            body["symptomDate"] = symptom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
        var json = await PostAsync("/api/issue", body.ToJsonString(), apiKey);
        return json.GetProperty("code").GetString()!;
    }

    /// <summary>Phone: code → token → certificate bound to <paramref name="hmac"/>.</summary>
    public async Task<string> CertificateAsync(string code, string hmac)
    {
        var padding = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var token = (await PostAsync("/api/verify", new JsonObject { ["code"] = code, ["padding"] = padding }.ToJsonString(), null)).GetProperty("token").GetString()!;
        var certificate = await PostAsync("/api/certificate", new JsonObject { ["token"] = token, ["ekeyhmac"] = hmac, ["padding"] = padding }.ToJsonString(), null);
        return certificate.GetProperty("certificate").GetString()!;
    }

    /// <summary>The publish body with Google's member names, as the app writes it.</summary>
    public static string PublishBody(IEnumerable<Key> keys, string healthAuthority, string certificate, byte[] secret, int? symptomOnsetInterval = null)
    {
        var body = new JsonObject
        {
            ["temporaryExposureKeys"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject
            {
                ["key"] = k.Base64,
                ["rollingStartNumber"] = k.RollingStartNumber,
                ["rollingPeriod"] = k.RollingPeriod,
                ["transmissionRisk"] = k.TransmissionRisk,
            })]),
            ["healthAuthorityID"] = healthAuthority,
            ["verificationPayload"] = certificate,
            ["hmacKey"] = Convert.ToBase64String(secret),
            ["traveler"] = false,
            ["revisionToken"] = "",
            ["padding"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(1024)),
        };
        if (symptomOnsetInterval is { } onset)
        {
            body["symptomOnsetInterval"] = onset;
        }
        return body.ToJsonString();
    }

    /// <summary><c>POST /v1/publish</c>; returns the status, the raw body and its JSON.</summary>
    public async Task<(int Status, byte[] Raw, JsonElement Json)> PublishAsync(string body, string contentType = "application/json", string? chaff = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/publish") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (chaff is not null)
        {
            request.Headers.Add("X-Chaff", chaff);
        }
        using var response = await _http.SendAsync(request, Ct);
        var raw = await response.Content.ReadAsByteArrayAsync(Ct);
        return ((int)response.StatusCode, raw, JsonDocument.Parse(raw).RootElement.Clone());
    }

    private async Task<JsonElement> PostAsync(string path, string json, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }
        using var response = await _http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
