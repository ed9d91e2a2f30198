using System.Net;
using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Portal;

/// <summary>
/// The portal in French and English (issue 12 point 7) over real HTTP: chosen by Accept-Language, switched by a
/// link and remembered in a cookie that holds only the language; times in the realm's time zone.
/// </summary>
public sealed class PortalLanguageTests
{
    [Fact]
    public async Task A_french_browser_gets_the_portal_in_french_and_others_in_english()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite);

        var french = await LoginPageAsync(server, "fr-FR,fr;q=0.9,en;q=0.5");
        var english = await LoginPageAsync(server, "de-DE, en;q=0.8");
        var preferred = await LoginPageAsync(server, "en;q=0.4, fr;q=0.9");

        Assert.Contains("<html lang=\"fr\">", french, StringComparison.Ordinal);
        Assert.Contains("Connexion · Portail de vérification Gardefou", french, StringComparison.Ordinal);
        Assert.Contains(">Se connecter</button>", french, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains(">Sign in</button>", english, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", preferred, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_is_remembered_on_the_device_only_and_goes_back_to_the_same_page()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite);
        var admin = server.Initialization.CreatedAdmin!;
        using var session = await PortalSession.SignInAsync(server, admin.UserName, admin.Password);
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var (_, english) = await session.GetAsync("/portal/stats");
        Assert.Contains("href=\"/portal/language/fr?back=%2Fportal%2Fstats\"", english, StringComparison.Ordinal);

        using var noRedirect = server.NewClient(followRedirects: false);
        using var switched = await noRedirect.GetAsync("/portal/language/fr?back=/portal/stats", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/portal/stats", switched.Headers.Location!.OriginalString);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("gardefou-portal-lang=fr;", cookie, StringComparison.Ordinal);

        var (status, frenchHtml) = await session.GetAsync("/portal/language/fr?back=/portal/stats");
        var french = WebUtility.HtmlDecode(frenchHtml);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"fr\">", french, StringComparison.Ordinal);
        Assert.Contains("Codes délivrés", french, StringComparison.Ordinal);
        var (_, issue) = await session.GetAsync("/portal/issue");
        Assert.Contains("Délivrer un code de vérification", WebUtility.HtmlDecode(issue), StringComparison.Ordinal);
        var (_, back) = await session.GetAsync("/portal/language/en?back=/portal/issue");
        Assert.Contains("Issue a verification code", back, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/portal")]
    [InlineData("/portal//evil.example")]
    [InlineData("/registry")]
    public async Task The_switch_never_sends_the_browser_elsewhere(string back)
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite);
        using var client = server.NewClient(followRedirects: false);

        using var response = await client.GetAsync("/portal/language/fr?back=" + Uri.EscapeDataString(back), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/portal", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_code_expiry_is_shown_in_the_realms_time_zone_in_the_pages_language()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?>
        {
            ["Verification:RealmTimeZones:demo"] = "America/Martinique",
        });
        var admin = server.Initialization.CreatedAdmin!;
        using var session = await PortalSession.SignInAsync(server, admin.UserName, admin.Password);
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");

        var (_, html) = await session.SubmitAsync("/portal/issue", "/portal/issue", new() { ["testType"] = "confirmed", ["testDate"] = ApiCalls.Today });

        // 12:15 UTC is 08:15 in Martinique (UTC-4, no daylight saving); the long code lasts 24 hours.
        Assert.Equal("28/11/2026 08:15 (America/Martinique, UTC-04:00)", PortalSession.TextOf(html, "issued-code-expires"));
        Assert.Equal("29/11/2026 08:00 (America/Martinique, UTC-04:00)", PortalSession.TextOf(html, "issued-long-code-expires"));
        Assert.Contains("Test : confirmé, réalisé le 2026-11-28.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_time_zone_stops_the_server_at_start_with_a_clear_message()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?>
        {
            ["Verification:TimeZone"] = "Europe/Atlantis",
        }));

        Assert.Contains("IANA time zone", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> LoginPageAsync(TestServer server, string acceptLanguage)
    {
        using var client = server.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return WebUtility.HtmlDecode(await client.GetStringAsync("/portal/login", TestContext.Current.CancellationToken));
    }
}
