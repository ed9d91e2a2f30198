using System.Net;
using Gardefou.Hosting.SignIn;
using Gardefou.Registry.Admin;
using Gardefou.Registry.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gardefou.Registry.Tests.Features;

public sealed class SignInAbuseTests
{
    private const string Password = "correct horse battery";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Loopback is the configured proxy, so each test client can speak for a distinct address.</summary>
    private static Task<RegistryServer> BehindProxyAsync() => RegistryServer.StartAsync(settings: new() { ["Registry:TrustedProxy"] = "127.0.0.1" });

    private static HttpRequestMessage Login(string user, string password, string? client = null, string? cookie = null, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/registry/admin/login") { Content = new FormUrlEncodedContent([new("username", user), new("password", password)]) };
        if (client is not null)
        {
            request.Headers.Add("X-Forwarded-For", client);
        }
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return request;
    }

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RegistryServer, HttpClient> s_raw = [];

    /// <summary>A client that neither follows redirects nor keeps cookies: the test sees each answer and sends cookies itself.</summary>
    private static HttpClient Raw(RegistryServer server) =>
        s_raw.GetValue(server, s => new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = s.BaseAddress });

    private static SignInThrottle Throttle(RegistryServer server) => server.App.Services.GetRequiredKeyedService<SignInThrottle>(AdminSignIn.ServiceKey);

    [Fact]
    public async Task Wrong_guesses_past_the_free_ones_are_refused_before_any_password_is_hashed()
    {
        await using var server = await BehindProxyAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await Raw(server).SendAsync(Login("admin", $"guess {i}", client: "203.0.113.5"), Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            }
        }

        Assert.Equal(AdminSignIn.FreeAccountFailures, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(30 - AdminSignIn.FreeAccountFailures, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(AdminSignIn.FreeAccountFailures, Throttle(server).Hashes);
        // The delay doubles and then lets one attempt through: after 1 s the next guess is hashed again.
        server.Time.Advance(TimeSpan.FromSeconds(1));
        using var later = await Raw(server).SendAsync(Login("admin", "guess later", client: "203.0.113.5"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, later.StatusCode);
        Assert.Equal(AdminSignIn.FreeAccountFailures + 1, Throttle(server).Hashes);
    }

    [Fact]
    public async Task Thirty_concurrent_wrong_guesses_check_no_more_passwords_than_the_budget_allows()
    {
        await using var server = await BehindProxyAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var response = await Raw(server).SendAsync(Login("admin", $"guess {i}", client: $"198.51.100.{i + 1}"), Ct);
            return response.StatusCode;
        }));

        // The account budget is reserved atomically before hashing: at most 5 checks, whatever the interleaving. On a
        // loaded machine a reserved attempt may also wait too long for a hashing slot and be answered 503 unhashed.
        var busy = answers.Count(a => a == HttpStatusCode.ServiceUnavailable);
        Assert.Equal(AdminSignIn.FreeAccountFailures, Throttle(server).Hashes + busy);
        Assert.Equal(AdminSignIn.FreeAccountFailures - busy, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(25, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        Assert.InRange(Throttle(server).HashingPeak, 1, Throttle(server).HashingSlots);
    }

    [Fact]
    public async Task An_attacker_who_knows_only_the_user_name_cannot_lock_the_user_out()
    {
        await using var server = await BehindProxyAsync();
        using var first = await Raw(server).SendAsync(Login("admin", Password, client: "192.0.2.10"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var deviceCookie = CookiesOf(first).Split("; ").Single(c => c.StartsWith("gf_registry_device=", StringComparison.Ordinal));

        for (var i = 0; i < 40; i++)
        {
            using var _ = await Raw(server).SendAsync(Login("admin", $"guess {i}", client: $"203.0.113.{(i % 4) + 1}"), Ct);
        }
        using var stranger = await Raw(server).SendAsync(Login("admin", Password, client: "192.0.2.77"), Ct);
        using var owner = await Raw(server).SendAsync(Login("admin", Password, client: "192.0.2.10", cookie: deviceCookie), Ct);

        // The user's own browser signs in at once; a browser the account never saw waits at most the account delay.
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, stranger.StatusCode);
        server.Time.Advance(AdminSignIn.MaxAccountDelay);
        using var strangerLater = await Raw(server).SendAsync(Login("admin", Password, client: "192.0.2.77"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, strangerLater.StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_count_only_from_the_configured_proxy()
    {
        await using var server = await RegistryServer.StartAsync(); // no trusted proxy
        for (var i = 0; i < AdminSignIn.FreeClientFailures + 2; i++)
        {
            // A client that invents a new X-Forwarded-For each time is still one client.
            using var _ = await Raw(server).SendAsync(Login($"user{i}", "wrong password", client: $"198.51.100.{i + 1}"), Ct);
        }
        using var next = await Raw(server).SendAsync(Login("someone", "wrong password", client: "198.51.100.200"), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);

        using var plain = await Raw(server).SendAsync(WithProto(Login("admin", Password)), Ct);
        Assert.DoesNotContain(plain.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_an_https_request_gets_Secure_cookies()
    {
        await using var server = await BehindProxyAsync();
        using var response = await Raw(server).SendAsync(WithProto(Login("admin", Password, client: "192.0.2.10")), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Equal(2, cookies.Count);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    private static HttpRequestMessage WithProto(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    [Fact]
    public async Task A_cookie_kept_from_before_logout_opens_nothing_afterwards()
    {
        await using var server = await RegistryServer.StartAsync();
        using var signIn = await Raw(server).SendAsync(Login("admin", Password), Ct);
        var cookie = CookiesOf(signIn);
        using var before = await Dashboard(server, cookie);
        Assert.Contains("Signed in as admin", await before.Content.ReadAsStringAsync(Ct));

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/registry/admin/logout") { Content = new FormUrlEncodedContent([]) };
        logout.Headers.Add("Cookie", cookie);
        (await Raw(server).SendAsync(logout, Ct)).Dispose();

        using var after = await Dashboard(server, cookie);
        Assert.DoesNotContain("Signed in as", await after.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Changing_the_password_ends_every_session_of_the_account()
    {
        await using var server = await RegistryServer.StartAsync();
        var laptop = CookiesOf(await Raw(server).SendAsync(Login("admin", Password), Ct));
        var phone = CookiesOf(await Raw(server).SendAsync(Login("admin", Password), Ct));

        using var change = new HttpRequestMessage(HttpMethod.Post, "/registry/admin/password")
        {
            Content = new FormUrlEncodedContent([new("current", Password), new("password", "a much longer new passphrase")]),
        };
        change.Headers.Add("Cookie", laptop);
        using var changed = await Raw(server).SendAsync(change, Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        foreach (var cookie in new[] { laptop, phone })
        {
            using var page = await Dashboard(server, cookie);
            Assert.DoesNotContain("Signed in as", await page.Content.ReadAsStringAsync(Ct));
        }
        using var old = await Raw(server).SendAsync(Login("admin", Password), Ct);
        using var fresh = await Raw(server).SendAsync(Login("admin", "a much longer new passphrase"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task Forms_with_Origin_null_are_refused()
    {
        await using var server = await RegistryServer.StartAsync();
        using var login = await Raw(server).SendAsync(Login("admin", Password, origin: "null"), Ct);
        var cookie = CookiesOf(await Raw(server).SendAsync(Login("admin", Password), Ct));
        using var issue = new HttpRequestMessage(HttpMethod.Post, "/registry/admin/credentials") { Content = new FormUrlEncodedContent([new("siteId", "x")]) };
        issue.Headers.Add("Cookie", cookie);
        issue.Headers.Add("Origin", "null");
        using var issued = await Raw(server).SendAsync(issue, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, issued.StatusCode);
    }

    private static Task<HttpResponseMessage> Dashboard(RegistryServer server, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/registry/admin");
        request.Headers.Add("Cookie", cookie);
        return Raw(server).SendAsync(request, Ct);
    }
}
