using System.Net;
using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Portal;

/// <summary>
/// Portal sessions and cookies over real HTTP (issue 13): revoked server-side on sign-out and password change,
/// bounded in time, <c>Secure</c> behind a configured trusted proxy only, and posts from another origin refused.
/// </summary>
public sealed class PortalSessionTests
{
    private static readonly IPAddress s_proxy = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_issues_codes_afterwards()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite);
        var admin = server.Initialization.CreatedAdmin!;
        using var session = await PortalSession.SignInAsync(server, admin.UserName, admin.Password);
        var stolen = session.CookieHeader(server.BaseAddress);
        var (_, issuePage) = await session.GetAsync("/portal/issue");
        var formToken = PortalSession.TokenOf(issuePage);

        var (signedOut, signedOutHtml) = await session.SubmitAsync("/portal/issue", "/portal/logout", []);
        Assert.Equal(HttpStatusCode.OK, signedOut);
        Assert.Contains("id=\"sign-in\"", signedOutHtml, StringComparison.Ordinal);

        // Replaying every cookie the browser held before sign-out, with a valid form token of that session.
        using var replay = server.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/portal/issue")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [formToken.Key] = formToken.Value, ["testType"] = "confirmed", ["testDate"] = ApiCalls.Today }),
        };
        request.Headers.Add("Cookie", stolen);
        using var response = await replay.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("id=\"sign-in\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"issued-code\"", html, StringComparison.Ordinal);
        await using var scope = server.Services.CreateAsyncScope();
        Assert.Equal(0, scope.ServiceProvider.GetRequiredService<Verification.Storage.VerificationDbContext>().Codes.Count());
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_the_changing_one()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite);
        var admin = server.Initialization.CreatedAdmin!;
        using var here = await PortalSession.SignInAsync(server, admin.UserName, admin.Password);
        using var elsewhere = await PortalSession.SignInAsync(server, admin.UserName, admin.Password, IPAddress.Parse("127.0.0.5"));

        var (status, _) = await here.SubmitAsync("/portal/account", "/portal/account", new() { ["current"] = admin.Password, ["next"] = "a brand new password" });

        Assert.Equal(HttpStatusCode.OK, status);
        var (_, herePage) = await here.GetAsync("/portal/issue");
        Assert.Contains("id=\"issue-code\"", herePage, StringComparison.Ordinal);
        var (_, elsewherePage) = await elsewhere.GetAsync("/portal/issue");
        Assert.Contains("id=\"sign-in\"", elsewherePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ends_after_its_lifetime_however_active_and_after_the_idle_timeout()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite);
        var admin = server.Initialization.CreatedAdmin!;
        using var busy = await PortalSession.SignInAsync(server, admin.UserName, admin.Password);
        var elapsed = TimeSpan.Zero;
        while (elapsed + TimeSpan.FromMinutes(20) <= TimeSpan.FromHours(8))
        {
            server.Time.Advance(TimeSpan.FromMinutes(20));
            elapsed += TimeSpan.FromMinutes(20);
            var (_, page) = await busy.GetAsync("/portal/issue");
            Assert.True(page.Contains("id=\"issue-code\"", StringComparison.Ordinal), $"signed out after {elapsed} of activity");
        }
        server.Time.Advance(TimeSpan.FromMinutes(1));
        var (_, late) = await busy.GetAsync("/portal/issue");
        Assert.Contains("id=\"sign-in\"", late, StringComparison.Ordinal);

        using var idle = await PortalSession.SignInAsync(server, admin.UserName, admin.Password);
        server.Time.Advance(TimeSpan.FromMinutes(31));
        var (_, idlePage) = await idle.GetAsync("/portal/issue");
        Assert.Contains("id=\"sign-in\"", idlePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookies_are_secure_when_a_trusted_proxy_says_https_and_forged_headers_from_others_are_ignored()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?>
        {
            ["Verification:TrustedProxies:0"] = s_proxy.ToString(),
            ["Verification:SignInRequestsPerMinute"] = "1",
        });
        var admin = server.Initialization.CreatedAdmin!;

        var viaProxy = await SignInCookiesAsync(server, s_proxy, admin, "203.0.113.7");
        Assert.All(viaProxy, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(viaProxy, c => c.StartsWith("gardefou-portal=", StringComparison.Ordinal));
        Assert.Contains(viaProxy, c => c.StartsWith("gardefou-portal-device=", StringComparison.Ordinal));

        var forged = await SignInCookiesAsync(server, IPAddress.Parse("127.0.0.6"), admin, "203.0.113.8");
        Assert.Contains(forged, c => c.StartsWith("gardefou-portal=", StringComparison.Ordinal));
        Assert.All(forged, c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));

        // X-Forwarded-For from the proxy names the client: two clients behind it have their own budgets (one a minute here)…
        Assert.Equal(HttpStatusCode.Unauthorized, await WrongSignInAsync(server, s_proxy, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongSignInAsync(server, s_proxy, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await WrongSignInAsync(server, s_proxy, "198.51.100.2"));
        // …while a client that is not the proxy cannot pick a fresh budget by forging the header.
        var other = IPAddress.Parse("127.0.0.7");
        Assert.Equal(HttpStatusCode.Unauthorized, await WrongSignInAsync(server, other, "198.51.100.3"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongSignInAsync(server, other, "198.51.100.4"));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("https://evil.example")]
    public async Task A_portal_post_from_another_origin_is_refused_even_with_a_valid_token(string origin)
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite);
        var admin = server.Initialization.CreatedAdmin!;
        using var session = new PortalSession(server);
        var token = await session.TokenAsync();

        using var refused = await PostLoginAsync(session.Client, token, admin, origin);
        using var accepted = await PostLoginAsync(session.Client, token, admin, server.BaseAddress.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("id=\"issue-code\"", await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, KeyValuePair<string, string> token, DemoAdminCredentials admin, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/portal/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [token.Key] = token.Value, ["username"] = admin.UserName, ["password"] = admin.Password }),
        };
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> SignInCookiesAsync(TestServer server, IPAddress from, DemoAdminCredentials admin, string forwardedFor)
    {
        // The proxy speaks plain HTTP to the server, so a cookie container would hold back the Secure cookies: carry them by hand.
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, ConnectCallback = server.ConnectFrom(from) }) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        using var page = await client.GetAsync("/portal/login", TestContext.Current.CancellationToken);
        var token = PortalSession.TokenOf(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/portal/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [token.Key] = token.Value, ["username"] = admin.UserName, ["password"] = admin.Password }),
        };
        request.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return [.. page.Headers.GetValues("Set-Cookie"), .. response.Headers.GetValues("Set-Cookie")];
    }

    private static async Task<HttpStatusCode> WrongSignInAsync(TestServer server, IPAddress from, string forwardedFor)
    {
        using var client = server.NewClient(from: from);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        using var page = await client.GetAsync("/portal/login", TestContext.Current.CancellationToken);
        var token = PortalSession.TokenOf(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var response = await client.PostAsync("/portal/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Key] = token.Value,
            ["username"] = "someone",
            ["password"] = "a wrong password",
        }), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
