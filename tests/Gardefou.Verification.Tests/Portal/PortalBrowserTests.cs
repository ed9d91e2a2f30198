using System.Net;
using Gardefou.Verification.Tests.Support;
using Microsoft.Playwright;

namespace Gardefou.Verification.Tests.Portal;

/// <summary>
/// The portal in a real headless Chromium (Debian's, driven by Playwright with <c>ExecutablePath</c>), on a phone-sized
/// screen and by keyboard: sign in, issue a code, read it from the page, exchange it through <c>/api/verify</c>.
/// </summary>
public sealed class PortalBrowserTests
{
    private static string? ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("GARDEFOU_TEST_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
    }

    [Fact]
    public async Task A_health_worker_signs_in_by_keyboard_issues_a_code_on_a_phone_and_the_app_exchanges_it()
    {
        var chromium = ChromiumPath();
        if (chromium is null)
        {
            Assert.Skip("Chromium not available: install Debian's chromium or set GARDEFOU_TEST_CHROMIUM");
        }
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite);
        var admin = server.Initialization.CreatedAdmin!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);

        await page.GotoAsync(new Uri(server.BaseAddress, "/portal").ToString());
        Assert.Equal("Sign in · Gardefou verification portal", await page.TitleAsync());
        await page.FocusAsync("#username");
        await page.Keyboard.TypeAsync(admin.UserName);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync(admin.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#issue-code");

        await page.SelectOptionAsync("#test-type", "confirmed");
        await page.FillAsync("#test-date", ApiCalls.Today);
        await page.FillAsync("#symptom-date", "2026-11-26");
        await page.ClickAsync("#issue-code");
        var code = (await page.Locator("#issued-code").InnerTextAsync()).Trim();
        var expires = await page.Locator("#issued-code-expires").GetAttributeAsync("datetime");

        Assert.Matches("^[0-9]{8}$", code);
        Assert.StartsWith("2026-11-28T12:15:00", expires, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");
        Assert.All(requested, url => Assert.StartsWith(server.BaseAddress.ToString(), url, StringComparison.Ordinal));
        Assert.Contains(requested, url => url.EndsWith("/portal/portal.css", StringComparison.Ordinal));

        using var verify = await ApiCalls.VerifyAsync(server.Client, code);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var verified = await ApiCalls.ReadJsonAsync(verify);
        Assert.Equal("confirmed", verified.GetProperty("testtype").GetString());
        Assert.Equal("2026-11-26", verified.GetProperty("symptomDate").GetString());

        await page.ClickAsync("#nav-stats");
        Assert.Equal("1", (await page.Locator("#day-2026-11-28 td.claimed").InnerTextAsync()).Trim());
        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("#sign-in");
    }

    [Fact]
    public async Task A_french_browser_sees_the_portal_in_french_and_the_switch_to_english_is_remembered()
    {
        var chromium = ChromiumPath();
        if (chromium is null)
        {
            Assert.Skip("Chromium not available: install Debian's chromium or set GARDEFOU_TEST_CHROMIUM");
        }
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        await using var context = await browser.NewContextAsync(new() { Locale = "fr-FR" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/portal").ToString());
        Assert.Equal("Connexion · Portail de vérification Gardefou", await page.TitleAsync());
        Assert.Equal("Se connecter", (await page.Locator("#sign-in").InnerTextAsync()).Trim());

        await page.ClickAsync("#lang-switch");
        Assert.Equal("Sign in · Gardefou verification portal", await page.TitleAsync());
        await page.ReloadAsync();
        Assert.Equal("en", await page.EvaluateAsync<string>("document.documentElement.lang"));
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "gardefou-portal-lang");
        Assert.Equal("en", cookie.Value);
    }
}
