using System.Net;
using System.Text.RegularExpressions;

namespace Gardefou.Verification.Tests.Support;

/// <summary>A browser-like client of the portal over plain HTTP: cookies, antiforgery field read from each page.</summary>
internal sealed partial class PortalSession : IDisposable
{
    private readonly HttpClient _client;

    public PortalSession(TestServer server) => _client = server.NewClient();

    public HttpClient Client => _client;

    public static async Task<PortalSession> SignInAsync(TestServer server, string userName, string password)
    {
        var session = new PortalSession(server);
        var (status, html) = await session.SubmitAsync("/portal/login", "/portal/login", new() { ["username"] = userName, ["password"] = password });
        Assert.True(status == HttpStatusCode.OK && html.Contains("id=\"issue-code\"", StringComparison.Ordinal), $"sign-in failed ({status})");
        return session;
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Loads <paramref name="formPage"/>, takes its antiforgery field, posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
    public async Task<(HttpStatusCode Status, string Html)> SubmitAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var (_, page) = await GetAsync(formPage);
        var token = TokenField().Match(page);
        Assert.True(token.Success, "no antiforgery field on " + formPage);
        fields[WebUtility.HtmlDecode(token.Groups["name"].Value)] = WebUtility.HtmlDecode(token.Groups["value"].Value);
        return await PostAsync(action, fields);
    }

    public async Task<(HttpStatusCode Status, string Html)> PostAsync(string action, Dictionary<string, string> fields)
    {
        using var response = await _client.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The text of the element with <paramref name="id"/>.</summary>
    public static string? TextOf(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>(?<text>[^<]*)<");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value).Trim() : null;
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenField();
}
