using System.Net;
using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Portal;

/// <summary>The portal over plain HTTP: sign-in, issuing, counts, user management, realm scoping.</summary>
public sealed class PortalTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private DemoAdminCredentials Admin => _server.Initialization.CreatedAdmin!;

    public async ValueTask InitializeAsync() => _server = await TestServer.StartAsync(StoreKind.Sqlite);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Pages_need_a_signed_in_user()
    {
        using var anonymous = new PortalSession(_server);
        foreach (var path in new[] { "/portal/issue", "/portal/stats", "/portal/users", "/portal/account" })
        {
            var (_, html) = await anonymous.GetAsync(path);
            Assert.Contains("id=\"sign-in\"", html, StringComparison.Ordinal);
        }
        var (status, _) = await anonymous.PostAsync("/portal/issue", new() { ["testType"] = "confirmed", ["testDate"] = ApiCalls.Today });
        Assert.Equal(HttpStatusCode.OK, status); // redirected to the sign-in page, nothing issued
        Assert.Equal(0, await CodesAsync());
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        using var session = await PortalSession.SignInAsync(_server, Admin.UserName, Admin.Password);

        var (status, _) = await session.PostAsync("/portal/issue", new() { ["testType"] = "confirmed", ["testDate"] = ApiCalls.Today });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(0, await CodesAsync());
    }

    [Fact]
    public async Task An_issued_code_is_shown_once_works_in_the_app_and_is_counted()
    {
        using var session = await PortalSession.SignInAsync(_server, Admin.UserName, Admin.Password);

        var (status, html) = await session.SubmitAsync("/portal/issue", "/portal/issue", new() { ["testType"] = "likely", ["testDate"] = ApiCalls.Today, ["symptomDate"] = "2026-11-26" });

        Assert.Equal(HttpStatusCode.OK, status);
        var code = PortalSession.TextOf(html, "issued-code")!;
        Assert.Matches("^[0-9]{8}$", code);
        // Shown in the realm's time zone (Europe/Paris by default): 12:15 UTC is 13:15 in Paris in November.
        Assert.Equal("2026-11-28 13:15 (Europe/Paris, UTC+01:00)", PortalSession.TextOf(html, "issued-code-expires"));
        var (_, again) = await session.GetAsync("/portal/issue");
        Assert.DoesNotContain(code, again, StringComparison.Ordinal);

        using var verify = await ApiCalls.VerifyAsync(_server.Client, code);
        var verified = await ApiCalls.ReadJsonAsync(verify);
        Assert.Equal("likely", verified.GetProperty("testtype").GetString());
        Assert.Equal("2026-11-26", verified.GetProperty("symptomDate").GetString());

        var (_, stats) = await session.GetAsync("/portal/stats");
        Assert.Matches("id=\"day-2026-11-28\">\\s*<th scope=\"row\">2026-11-28</th>\\s*<td class=\"issued\">1</td>\\s*<td class=\"claimed\">1</td>", stats);
    }

    [Fact]
    public async Task A_bad_date_in_the_form_is_explained_and_issues_nothing()
    {
        using var session = await PortalSession.SignInAsync(_server, Admin.UserName, Admin.Password);

        var (status, html) = await session.SubmitAsync("/portal/issue", "/portal/issue", new() { ["testType"] = "confirmed", ["testDate"] = "2027-01-01" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The test date", PortalSession.TextOf(html, "issue-error"), StringComparison.Ordinal);
        Assert.Equal(0, await CodesAsync());
    }

    [Fact]
    public async Task A_failed_sign_in_reads_the_same_for_an_unknown_name_and_a_wrong_password()
    {
        using var session = new PortalSession(_server);
        var (wrong, wrongHtml) = await session.SubmitAsync("/portal/login", "/portal/login", new() { ["username"] = Admin.UserName, ["password"] = "wrong password" });
        var (unknown, unknownHtml) = await session.SubmitAsync("/portal/login", "/portal/login", new() { ["username"] = "nobody", ["password"] = Admin.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown);
        Assert.NotNull(PortalSession.TextOf(wrongHtml, "sign-in-error"));
        Assert.Equal(PortalSession.TextOf(wrongHtml, "sign-in-error"), PortalSession.TextOf(unknownHtml, "sign-in-error"));
    }

    [Fact]
    public async Task One_client_trying_many_accounts_is_throttled_without_locking_anyone_else_out()
    {
        using var sprayer = new PortalSession(_server);
        for (var i = 0; i < 10; i++)
        {
            var (status, _) = await sprayer.SubmitAsync("/portal/login", "/portal/login", new() { ["username"] = $"user{i}", ["password"] = "Winter2026!" });
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }
        var (throttled, _) = await sprayer.SubmitAsync("/portal/login", "/portal/login", new() { ["username"] = Admin.UserName, ["password"] = Admin.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled);

        // The throttled attempt never reached the password check: the admin is not locked and signs in a minute later.
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        using var later = await PortalSession.SignInAsync(_server, Admin.UserName, Admin.Password);
    }

    [Fact]
    public async Task An_admin_creates_resets_and_disables_users_and_a_disabled_users_session_ends()
    {
        using var admin = await PortalSession.SignInAsync(_server, Admin.UserName, Admin.Password);
        var (created, html) = await admin.SubmitAsync("/portal/users", "/portal/users", new() { ["username"] = "nurse.anna", ["role"] = "issuer" });
        Assert.Equal(HttpStatusCode.OK, created);
        var password = PortalSession.TextOf(html, "new-password")!;
        var id = System.Text.RegularExpressions.Regex.Match(html, "/portal/users/(\\d+)/disable\"").Groups[1].Value;

        using var nurse = await PortalSession.SignInAsync(_server, "nurse.anna", password);
        var (forbidden, _) = await nurse.GetAsync("/portal/users");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);

        var (reset, resetHtml) = await admin.SubmitAsync("/portal/users", $"/portal/users/{id}/reset", []);
        Assert.Equal(HttpStatusCode.OK, reset);
        var newPassword = PortalSession.TextOf(resetHtml, "new-password")!;
        Assert.NotEqual(password, newPassword);
        var (_, afterReset) = await nurse.GetAsync("/portal/issue");
        Assert.Contains("id=\"sign-in\"", afterReset, StringComparison.Ordinal);

        using var nurseAgain = await PortalSession.SignInAsync(_server, "nurse.anna", newPassword);
        var (disabled, _) = await admin.SubmitAsync("/portal/users", $"/portal/users/{id}/disable", []);
        Assert.Equal(HttpStatusCode.OK, disabled);
        var (_, afterDisable) = await nurseAgain.GetAsync("/portal/issue");
        Assert.Contains("id=\"sign-in\"", afterDisable, StringComparison.Ordinal);
        var (refused, _) = await new PortalSession(_server).SubmitAsync("/portal/login", "/portal/login", new() { ["username"] = "nurse.anna", ["password"] = newPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
    }

    [Fact]
    public async Task An_admin_cannot_see_or_change_users_of_another_realm()
    {
        await _server.CreateApiKeyAsync("north");
        int northUserId;
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Verification.Storage.VerificationDbContext>();
            var north = db.Realms.Single(r => r.Name == "north");
            var accounts = scope.ServiceProvider.GetRequiredService<Accounts.AccountService>();
            var created = await accounts.CreateAsync(north.Id, "north-admin", Verification.Storage.HealthWorkerRole.Admin, TestContext.Current.CancellationToken);
            northUserId = created!.Value.User.Id;
        }
        using var admin = await PortalSession.SignInAsync(_server, Admin.UserName, Admin.Password);

        var (_, users) = await admin.GetAsync("/portal/users");
        Assert.DoesNotContain("north-admin", users, StringComparison.Ordinal);
        var (status, _) = await admin.SubmitAsync("/portal/users", $"/portal/users/{northUserId}/reset", []);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Pages_are_labelled_uncached_and_load_nothing_from_elsewhere()
    {
        using var session = await PortalSession.SignInAsync(_server, Admin.UserName, Admin.Password);
        foreach (var path in new[] { "/portal/issue", "/portal/stats", "/portal/users", "/portal/account" })
        {
            using var response = await session.Client.GetAsync(path, TestContext.Current.CancellationToken);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
            foreach (System.Text.RegularExpressions.Match input in System.Text.RegularExpressions.Regex.Matches(html, "<(input|select) [^>]*id=\"(?<id>[^\"]+)\""))
            {
                Assert.Contains($"<label for=\"{input.Groups["id"].Value}\"", html, StringComparison.Ordinal);
            }
        }
    }

    private async Task<int> CodesAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<Verification.Storage.VerificationDbContext>().Codes.Count();
    }
}
