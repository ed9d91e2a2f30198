using System.Text;
using System.Text.Json;

namespace Gardefou.Verification.Tests.Support;

/// <summary>The three API calls as a lab and an app make them, returning the raw response.</summary>
internal static class ApiCalls
{
    public static string Today => TestServer.Start.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static Task<HttpResponseMessage> IssueAsync(HttpClient client, string? apiKey, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/issue") { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<(string Code, string LongCode)> IssueCodeAsync(HttpClient client, string apiKey, string testType = "confirmed", string? symptomDate = null, string? testDate = null)
    {
        testDate ??= Today;
        object body = symptomDate is null ? new { testType, testDate } : new { testType, testDate, symptomDate };
        using var response = await IssueAsync(client, apiKey, body);
        Assert.True(response.IsSuccessStatusCode, $"issue answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var json = await ReadJsonAsync(response);
        return (json.GetProperty("code").GetString()!, json.GetProperty("longCode").GetString()!);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string json, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> VerifyAsync(HttpClient client, string code) =>
        client.PostAsJsonAsync("/api/verify", new { code }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> CertificateAsync(HttpClient client, string token, string ekeyhmac) =>
        client.PostAsJsonAsync("/api/certificate", new { token, ekeyhmac }, TestContext.Current.CancellationToken);

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An HMAC from the published verification-protocol vectors: a realistic 32-byte <c>ekeyhmac</c>.</summary>
    public static string PublishedTekHmac()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("gaen-verification-hmac-vectors.json")));
        return document.RootElement.GetProperty("cases")[0].GetProperty("expected_hmac_base64")[0].GetString()!;
    }
}
