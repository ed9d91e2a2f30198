using System.Net;
using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Portal;

/// <summary>
/// Sign-in abuse over real HTTP (issue 13): an anonymous client cannot lock out a named user, wrong guesses are
/// counted atomically before any hashing, guessing spread over addresses is capped per account. (The hashing cap is
/// tested with the shared throttle in Gardefou.Hosting.Tests/SignIn.)
/// The per-client throttle (10 a minute across accounts) is raised here so each test sees the per-account budgets.
/// </summary>
public sealed class PortalSignInAbuseTests : IAsyncLifetime
{
    private static readonly IPAddress s_attacker = IPAddress.Parse("127.0.0.3");
    private TestServer _server = null!;

    private DemoAdminCredentials Admin => _server.Initialization.CreatedAdmin!;

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?>
    {
        ["Verification:SignInRequestsPerMinute"] = "1000",
        ["Verification:SignInUntrustedFailuresPerHour"] = "12",
    });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_attacker_knowing_only_the_user_name_slows_only_themselves_and_never_ends_the_users_session()
    {
        // The user signs in on their own device (which keeps a device cookie) and stays signed in.
        using var user = await PortalSession.SignInAsync(_server, Admin.UserName, Admin.Password);

        using var attacker = new PortalSession(_server, s_attacker);
        var token = await attacker.TokenAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await attacker.PostLoginAsync(token, Admin.UserName, "wrong password " + i);
            statuses.Add(response.StatusCode);
        }

        // Three free failures, then every further try must wait: nothing after that was even checked.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 7)], statuses);
        // Even the right password is not checked for the attacker's client while it waits.
        using (var right = await attacker.PostLoginAsync(token, Admin.UserName, Admin.Password))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        }
        // The user's live session goes on, and the user signs in again at once on their device.
        var (_, page) = await user.GetAsync("/portal/issue");
        Assert.Contains("id=\"issue-code\"", page, StringComparison.Ordinal);
        var (again, againHtml) = await user.SubmitAsync("/portal/login", "/portal/login", new() { ["username"] = Admin.UserName, ["password"] = Admin.Password });
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Contains("id=\"issue-code\"", againHtml, StringComparison.Ordinal);
        // And from an address never used before (no device cookie): also at once, the attacker's waits are theirs.
        using var elsewhere = await PortalSession.SignInAsync(_server, Admin.UserName, Admin.Password, IPAddress.Parse("127.0.0.4"));
    }

    [Fact]
    public async Task Each_failure_beyond_the_free_ones_doubles_the_wait_and_the_right_password_works_once_it_is_over()
    {
        using var client = new PortalSession(_server, s_attacker);
        var token = await client.TokenAsync();
        var waits = new List<int>();
        var failures = 0;
        while (waits.Count < 4)
        {
            using var response = await client.PostLoginAsync(token, Admin.UserName, "wrong password " + failures);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
                waits.Add(wait);
                _server.Time.Advance(TimeSpan.FromSeconds(wait));
            }
            else
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                failures++;
            }
        }

        Assert.Equal([5, 10, 20, 40], waits);
        Assert.Equal(6, failures);
        using (var seventh = await client.PostLoginAsync(token, Admin.UserName, "wrong password 7"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, seventh.StatusCode);
        }
        using var refusedRight = await client.PostLoginAsync(token, Admin.UserName, Admin.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedRight.StatusCode);
        Assert.Equal(80, (int)refusedRight.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        _server.Time.Advance(TimeSpan.FromSeconds(80));
        using var accepted = await client.PostLoginAsync(token, Admin.UserName, Admin.Password);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("id=\"issue-code\"", await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thirty_concurrent_wrong_guesses_have_only_the_free_failures_checked()
    {
        using var attacker = new PortalSession(_server, s_attacker);
        var token = await attacker.TokenAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var response = await attacker.PostLoginAsync(token, Admin.UserName, "concurrent guess " + i);
            return response.StatusCode;
        }));

        TestContext.Current.TestOutputHelper?.WriteLine($"30 concurrent wrong guesses: {responses.Count(s => s == HttpStatusCode.Unauthorized)} checked, {responses.Count(s => s == HttpStatusCode.TooManyRequests)} refused unchecked");
        Assert.Equal(3, responses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(27, responses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Guessing_spread_over_many_addresses_is_capped_per_account_but_the_users_known_device_still_signs_in()
    {
        using var device = await PortalSession.SignInAsync(_server, Admin.UserName, Admin.Password);
        var statuses = new List<HttpStatusCode>();
        for (var host = 10; host < 16; host++)
        {
            using var bot = new PortalSession(_server, IPAddress.Parse($"127.0.0.{host}"));
            var token = await bot.TokenAsync();
            for (var i = 0; i < 3; i++)
            {
                using var response = await bot.PostLoginAsync(token, Admin.UserName, $"guess {host}-{i}");
                statuses.Add(response.StatusCode);
            }
        }

        // 12 failures an hour from clients without the account's device cookie, then they all wait.
        Assert.Equal(12, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var (status, html) = await device.SubmitAsync("/portal/login", "/portal/login", new() { ["username"] = Admin.UserName, ["password"] = Admin.Password });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"issue-code\"", html, StringComparison.Ordinal);
    }
}
