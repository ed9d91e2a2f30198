using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Protocol.Certificates;
using Gardefou.Protocol.Keys;
using Gardefou.Protocol.Time;

namespace Gardefou.Server.Tests.Support;

/// <summary>
/// What a phone app does against a real server: exchange a code for a token, ask for a certificate bound (TEK HMAC) to
/// exactly the keys it will upload, then publish them. A lab issues the code through the API with an API key.
/// </summary>
internal sealed class Phone
{
    private readonly HttpClient _client;

    public Phone(HttpClient client) => _client = client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A lab issues a code for a positive test through <c>/api/issue</c>.</summary>
    public async Task<string> IssueCodeAsync(string apiKey, string testType = "confirmed")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/issue")
        {
            Content = JsonContent.Create(new { testType, testDate = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd") }),
        };
        request.Headers.Add("X-API-Key", apiKey);
        using var response = await _client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"issue: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
    }

    /// <summary>Code → token → certificate for <paramref name="keys"/>; returns the publish request.</summary>
    public async Task<Upload> PrepareUploadAsync(string code, IReadOnlyList<object> keys)
    {
        var token = (await PostJsonAsync("/api/verify", new { code })).GetProperty("token").GetString()!;
        var secret = RandomNumberGenerator.GetBytes(32);
        var mac = TekMac.Compute(secret, keys.Select(ToMacKey));
        var certificate = (await PostJsonAsync("/api/certificate", new { token, ekeyhmac = Convert.ToBase64String(mac) })).GetProperty("certificate").GetString()!;
        var json = JsonSerializer.Serialize(new
        {
            temporaryExposureKeys = keys,
            healthAuthorityID = "demo",
            verificationPayload = certificate,
            hmacKey = Convert.ToBase64String(secret),
            traveler = false,
            padding = Convert.ToBase64String(RandomNumberGenerator.GetBytes(1024)),
        });
        return new Upload(json, code, token, certificate, Convert.ToBase64String(secret), [.. keys.Select(k => ((ExposureKey)k).key)]);
    }

    /// <summary>Posts a publish; <paramref name="chaff"/> adds <c>X-Chaff: 1</c>.</summary>
    public async Task<HttpResponseMessage> PublishAsync(Upload upload, bool chaff = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/publish") { Content = new StringContent(upload.Json, System.Text.Encoding.UTF8, "application/json") };
        if (chaff)
        {
            request.Headers.Add("X-Chaff", "1");
        }
        return await _client.SendAsync(request, Ct);
    }

    /// <summary><paramref name="days"/> full-day keys ending yesterday, in the GAEN JSON shape.</summary>
    public static List<object> DailyKeys(int days, DateTimeOffset? now = null)
    {
        var today = EnIntervalNumber.FromTime(now ?? DateTimeOffset.UtcNow).DayStart.Value;
        return [.. Enumerable.Range(1, days).Select(day => (object)new ExposureKey(TemporaryExposureKey.Generate().ToBase64(), today - (day * 144), 144, 0))];
    }

    private static TekMacKey ToMacKey(object key)
    {
        var k = (ExposureKey)key;
        return new TekMacKey(k.key, k.rollingStartNumber, k.rollingPeriod, k.transmissionRisk);
    }

    private async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        using var response = await _client.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

#pragma warning disable IDE1006 // JSON field names of the GAEN wire format
    /// <summary>One key as the GAEN v1 JSON carries it.</summary>
    public sealed record ExposureKey(string key, int rollingStartNumber, int rollingPeriod, int transmissionRisk);
#pragma warning restore IDE1006
}
