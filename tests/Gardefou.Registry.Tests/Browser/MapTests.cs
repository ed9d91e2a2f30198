using Gardefou.Registry.Tests.Support;
using Microsoft.Playwright;

namespace Gardefou.Registry.Tests.Browser;

public sealed class MapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Three sites near Bellecour: one confirmed 4 minutes ago with masks, one sold out 4 minutes ago, one whose number
    /// is 20 minutes old (past the 15-minute mask TTL), so the map has each mark the legend explains.
    /// </summary>
    private static async Task<RegistryServer> LyonWithEveryStatusAsync()
    {
        var server = await RegistryServer.StartAsync(start: DateTimeOffset.UtcNow - TimeSpan.FromMinutes(20));
        await server.AddSitesAsync(
            Sites.At("bellecour", 45.7578, 4.8320, "mask.ffp2"),
            Sites.At("croix-rousse", 45.7790, 4.8270, "mask.ffp2"),
            Sites.At("villeurbanne", 45.7665, 4.8795, "mask.ffp2"));
        (await server.PostUpdateAsync("villeurbanne", await server.IssueCredentialAsync("villeurbanne"), new { type = "mask.ffp2", available = 30 })).EnsureSuccessStatusCode();
        server.Time.Advance(TimeSpan.FromMinutes(16));
        (await server.PostUpdateAsync("bellecour", await server.IssueCredentialAsync("bellecour"), new { type = "mask.ffp2", available = 12 })).EnsureSuccessStatusCode();
        (await server.PostUpdateAsync("croix-rousse", await server.IssueCredentialAsync("croix-rousse"), new { type = "mask.ffp2", available = 0 })).EnsureSuccessStatusCode();
        await server.Publisher.FlushAsync(Ct, forceNational: true);
        return server;
    }

    private static async Task SearchAsync(IPage page, string place)
    {
        await page.GetByLabel("Postcode or town").FillAsync(place);
        await page.GetByLabel("Looking for").SelectOptionAsync("mask");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
    }

    [Theory]
    [InlineData(390, 844, "registry-map-phone.png")]
    [InlineData(1280, 800, "registry-map-desktop.png")]
    public async Task The_map_draws_coast_borders_departements_towns_a_scale_bar_and_a_legend_from_this_host_only(int width, int height, string screenshot)
    {
        await using var server = await LyonWithEveryStatusAsync();
        var (playwright, browser) = await Support.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var requests = new List<IRequest>();
        page.Request += (_, r) => requests.Add(r);

        await page.GotoAsync(server.BaseAddress.ToString());
        await SearchAsync(page, "Lyon");
        await page.Locator("#map svg .scale-bar").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, screenshot), FullPage = true });

        var map = page.Locator("#map svg");
        // The Rhône département and its neighbours (Ain, Isère) are drawn, with the land of France under them.
        Assert.Equal(1, await map.Locator(".departements path[data-code='69']").CountAsync());
        Assert.Equal(1, await map.Locator(".departements path[data-code='01']").CountAsync());
        Assert.Equal(1, await map.Locator(".departements path[data-code='38']").CountAsync());
        Assert.Equal(0, await map.Locator(".departements path[data-code='2A']").CountAsync()); // Corsica is out of view
        Assert.True(await map.Locator(".land path[data-country='France']").CountAsync() >= 1);
        Assert.True((await map.Locator(".departements path[data-code='69']").GetAttributeAsync("d"))!.Length > 200);
        // Town names near the search, from the gazetteer (Vénissieux: 65,000 people, 7 km south-east of Bellecour).
        var towns = await map.Locator("text.town").AllTextContentsAsync();
        Assert.Contains("Vénissieux", towns);
        Assert.InRange(towns.Count, 3, 14);
        // The searched place, its search distance, and a scale bar of a round length that fits the 10 km view.
        Assert.Equal("Lyon (69001)", await map.Locator(".me-label").TextContentAsync());
        Assert.Equal(1, await map.Locator("circle.radius").CountAsync());
        Assert.Contains(await map.Locator(".scale-bar").GetAttributeAsync("data-km"), new[] { "2", "5" });
        Assert.Matches(@"^\d+ km$", await map.Locator(".scale-bar text").TextContentAsync());
        // One mark per result, each with the status the legend explains.
        Assert.Equal(["available", "none", "unverified"], (await map.Locator("g.site").EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.status)")).Order().ToArray());
        var legend = await page.Locator("#map-key #map-legend li").AllInnerTextsAsync();
        Assert.Contains(legend, l => l.Contains("unverified", StringComparison.Ordinal));
        Assert.Contains(legend, l => l.Contains("available", StringComparison.Ordinal));
        Assert.Contains(legend, l => l.Contains("none left", StringComparison.Ordinal));
        Assert.Contains("MapSVG", await page.Locator(".map-credit").InnerTextAsync());

        var origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.All(requests, r => Assert.StartsWith(origin, r.Url, StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Url.EndsWith("/registry/data/basemap.json", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Url.Contains("pmtiles", StringComparison.Ordinal)); // no basemap configured
    }

    [Fact]
    public async Task A_failed_search_clears_the_previous_towns_results_and_map()
    {
        await using var server = await LyonWithEveryStatusAsync();
        var (playwright, browser) = await Support.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { Locale = "en-GB" });
        await page.GotoAsync(server.BaseAddress.ToString());
        await SearchAsync(page, "Lyon");
        await page.Locator("#results li").First.WaitForAsync();

        await SearchAsync(page, "Nowhere-sur-Rien");
        await page.GetByText("Place not found").WaitForAsync();

        Assert.Equal(0, await page.Locator("#results li").CountAsync());
        Assert.Equal(0, await page.Locator("#map svg").CountAsync());
        // Switching language must not bring the old results back either.
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        Assert.Equal(0, await page.Locator("#results li").CountAsync());
    }

    [Fact]
    public async Task The_language_choice_is_remembered_on_the_device_and_never_sent()
    {
        await using var server = await RegistryServer.StartAsync();
        var (playwright, browser) = await Support.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new() { Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var requests = new List<IRequest>();
        page.Request += (_, r) => requests.Add(r);
        await page.GotoAsync(server.BaseAddress.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();

        var again = await context.NewPageAsync();
        again.Request += (_, r) => requests.Add(r);
        await again.GotoAsync(server.BaseAddress.ToString());

        Assert.Equal("fr", await again.GetAttributeAsync("html", "lang"));
        Assert.Equal("fr", await again.EvaluateAsync<string>("() => localStorage.getItem('gardefou.lang')"));
        Assert.DoesNotContain(requests, r => r.Url.Contains("lang", StringComparison.Ordinal));
        Assert.Empty(await context.CookiesAsync());
    }

    [Fact]
    public async Task An_operators_PMTiles_basemap_is_drawn_under_the_outlines_through_range_requests_to_this_host()
    {
        var archive = Path.Combine(Path.GetTempPath(), $"gardefou-basemap-{Guid.NewGuid():n}.pmtiles");
        PmtilesArchive.WriteSolidLevel(archive, zoom: 11, red: 0xE8, green: 0xD8, blue: 0xB0);
        try
        {
            await using var server = await RegistryServer.StartAsync(settings: new() { ["Registry:BasemapPmtiles"] = archive, ["Registry:BasemapAttribution"] = "Test basemap" });
            await server.AddSitesAsync(Sites.At("bellecour", 45.7578, 4.8320, "mask.ffp2"));
            await server.Publisher.FlushAsync(Ct, forceNational: true);
            var (playwright, browser) = await Support.Browser.LaunchAsync();
            using var _ = playwright;
            await using var __ = browser;
            var page = await browser.NewPageAsync(new() { Locale = "en-GB" });
            var requests = new List<IRequest>();
            page.Request += (_, r) => requests.Add(r);
            await page.GotoAsync(server.BaseAddress.ToString());
            await SearchAsync(page, "Lyon");
            await page.Locator("#map svg .raster image").First.WaitForAsync();

            // Tiles of zoom 11 are about 13 km wide at Lyon: a 10 km search (23 km tall view) needs a few of them.
            Assert.InRange(await page.Locator("#map svg .raster image").CountAsync(), 2, 16);
            Assert.StartsWith("data:image/png;base64,", await page.Locator("#map svg .raster image").First.GetAttributeAsync("href"));
            Assert.Contains("Test basemap", await page.Locator(".map-credit").InnerTextAsync());
            var origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
            Assert.All(requests, r => Assert.StartsWith(origin, r.Url, StringComparison.Ordinal));
            var ranged = requests.Where(r => r.Url.EndsWith("/registry/basemap.pmtiles", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(ranged);
            Assert.All(ranged, r => Assert.StartsWith("bytes=", r.Headers["range"], StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(archive);
        }
    }
}
