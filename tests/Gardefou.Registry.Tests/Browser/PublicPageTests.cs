using System.Text.Json;
using Gardefou.Registry.Tests.Support;
using Microsoft.Playwright;

namespace Gardefou.Registry.Tests.Browser;

public sealed class PublicPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Searching_a_town_shows_the_nearest_sites_with_availability_and_age_without_sending_the_place()
    {
        // The server's clock is set four minutes behind the browser's, so the numbers are four minutes old in the page.
        await using var server = await RegistryServer.StartAsync(start: DateTimeOffset.UtcNow - TimeSpan.FromMinutes(4));
        await server.AddSitesAsync(
            Sites.At("bellecour", 45.7578, 4.8320, "mask.ffp2", "mask.surgical"),
            Sites.At("croix-rousse", 45.7790, 4.8270, "mask.ffp2"),
            Sites.At("villeurbanne", 45.7665, 4.8795, "mask.child"),
            Sites.At("paris", 48.8566, 2.3522, "mask.ffp2"));
        foreach (var (id, type, available) in new[] { ("bellecour", "mask.ffp2", 12), ("croix-rousse", "mask.ffp2", 0), ("villeurbanne", "mask.child", 40) })
        {
            (await server.PostUpdateAsync(id, await server.IssueCredentialAsync(id), new { type, available })).EnsureSuccessStatusCode();
        }
        await server.Publisher.FlushAsync(Ct, forceNational: true);
        var (playwright, browser) = await Support.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var requests = new List<IRequest>();
        page.Request += (_, r) => requests.Add(r);

        await page.GotoAsync(server.BaseAddress.ToString());
        await page.GetByLabel("Postcode or town").FillAsync("Lyon");
        await page.GetByLabel("Looking for").SelectOptionAsync("mask");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.Locator("#results li").First.WaitForAsync();

        var items = await page.Locator("#results li").AllInnerTextsAsync();
        Assert.Equal(3, items.Count);
        Assert.Contains("Site bellecour", items[0]);
        Assert.Contains("12 left", items.Single(i => i.Contains("bellecour", StringComparison.Ordinal)));
        Assert.Contains("none left", items.Single(i => i.Contains("croix-rousse", StringComparison.Ordinal)));
        Assert.All(items, i => Assert.Matches(@"updated \d+ min ago", i));
        Assert.Matches("updated [45] min ago", items[0]); // 4 min old when published; the browser may take a while under load
        Assert.DoesNotContain(items, i => i.Contains("paris", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, await page.Locator("#map svg g.site").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "registry-public-page.png"), FullPage = true });

        // What the server and the network saw: only this host, no place name, no coordinate, no body, no cookie.
        var origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.StartsWith(origin, r.Url, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Null(r.PostData));
        foreach (var secret in new[] { "lyon", "45.7", "4.84", "lat=", "lon=", "place=" })
        {
            Assert.DoesNotContain(requests, r => r.Url.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
        Assert.Contains(requests, r => r.Url.EndsWith("/registry/static/tiles/183_19.json", StringComparison.Ordinal));
        Assert.Empty(await context.CookiesAsync());
    }

    [Fact]
    public async Task The_page_switches_to_French_and_says_when_a_number_is_unverified()
    {
        await using var server = await RegistryServer.StartAsync(start: DateTimeOffset.UtcNow - TimeSpan.FromHours(2));
        await server.AddSitesAsync(Sites.At("lab", 45.7578, 4.8320, "test.pcr"));
        (await server.PostUpdateAsync("lab", await server.IssueCredentialAsync("lab"), new { type = "test.pcr", available = 5 })).EnsureSuccessStatusCode();
        await server.Publisher.FlushAsync(Ct, forceNational: true);
        var (playwright, browser) = await Support.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { Locale = "en-GB" });

        await page.GotoAsync(server.BaseAddress.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await page.GetByLabel("Code postal ou commune").FillAsync("69002");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#results li").First.WaitForAsync();

        var text = await page.Locator("#results li").First.InnerTextAsync();
        Assert.Contains("non vérifié depuis", text);
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task The_operator_page_sends_sold_out_in_one_tap()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("pharma", 45.7578, 4.8320, "mask.ffp2"));
        var credential = await server.IssueCredentialAsync("pharma");
        var (playwright, browser) = await Support.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(server.BaseAddress, "/registry/operator").ToString());
        await page.GetByLabel("Site id").FillAsync("pharma");
        await page.GetByLabel("Site credential").FillAsync(credential);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sold out" }).ClickAsync();
        await page.GetByText("sold out / épuisé ✓").WaitForAsync();

        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/sites/pharma", Ct));
        var report = json.RootElement.GetProperty("resources")[0];
        Assert.Equal(0, report.GetProperty("available").GetInt32());
        Assert.Equal("site-form", report.GetProperty("method").GetString());
    }
}
