using System.Net;
using System.Text.RegularExpressions;

namespace Gardefou.Verification.Tests.Support;

/// <summary>A browser-like client of the portal over plain HTTP: cookies, antiforgery field read from each page.</summary>
internal sealed partial class PortalSession : IDisposable
{
    private readonly HttpClient _client;
    private readonly CookieContainer _cookies = new();

    public PortalSession(TestServer server, System.Net.IPAddress? from = null) => _client = server.NewClient(from: from, cookies: _cookies);

    /// <summary>The Cookie header this session would send to <paramref name="address"/>'s portal (to replay it elsewhere).</summary>
    public string CookieHeader(Uri address) => _cookies.GetCookieHeader(new Uri(address, "/portal/issue"));

    /// <summary>The antiforgery field of a page.</summary>
    public static KeyValuePair<string, string> TokenOf(string html)
    {
        var token = TokenField().Match(html);
        Assert.True(token.Success, "no antiforgery field on the page");
        return new(WebUtility.HtmlDecode(token.Groups["name"].Value), WebUtility.HtmlDecode(token.Groups["value"].Value));
    }

    public HttpClient Client => _client;

    public static async Task<PortalSession> SignInAsync(TestServer server, string userName, string password, System.Net.IPAddress? from = null)
    {
        var session = new PortalSession(server, from);
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

    /// <summary>The antiforgery field of <paramref name="formPage"/>, to post several forms with (or from another client).</summary>
    public async Task<KeyValuePair<string, string>> TokenAsync(string formPage = "/portal/login")
    {
        var (_, page) = await GetAsync(formPage);
        return TokenOf(page);
    }

    /// <summary>Posts a sign-in with a token read before; the full response, for its headers.</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(KeyValuePair<string, string> token, string userName, string password)
    {
        var fields = new Dictionary<string, string> { [token.Key] = token.Value, ["username"] = userName, ["password"] = password };
        return await _client.PostAsync("/portal/login", new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
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
