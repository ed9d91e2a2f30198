using System.Text.Json;
using Gardefou.Registry.Tests.Support;

namespace Gardefou.Registry.Tests.Features;

public sealed class SearchDefaultsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_the_lite_page_and_the_published_page_settings_share_one_set_of_defaults()
    {
        await using var server = await RegistryServer.StartAsync();
        // Bellecour is 0.3 km from Lyon's point; Vienne's hospital is about 27 km south.
        await server.AddSitesAsync(Sites.At("near", 45.7578, 4.8320, "test.pcr"), Sites.At("vienne", 45.525, 4.874, "test.pcr"));

        using var settings = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/data/page.json", Ct));
        var search = settings.RootElement.GetProperty("search");
        Assert.Equal(10, search.GetProperty("radiusKm").GetDouble());
        Assert.Equal(50, search.GetProperty("limit").GetInt32());
        Assert.Equal(200, search.GetProperty("maxRadiusKm").GetDouble());
        Assert.Equal([5, 10, 25, 50], search.GetProperty("radiusChoicesKm").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(JsonValueKind.Null, settings.RootElement.GetProperty("basemap").ValueKind);

        // Default radius: the API and the lite page both find only the near site.
        using var api = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?place=Lyon&type=test", Ct));
        Assert.Equal(["near"], api.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("siteId").GetString()));
        var lite = await server.Client.GetStringAsync("/registry/lite?place=Lyon&type=test", Ct);
        Assert.Contains("Site near", lite);
        Assert.DoesNotContain("Site vienne", lite);
        Assert.Contains("<option value=\"10\" selected>10 km</option>", lite);

        // The same radiusKm parameter widens both.
        using var wide = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?place=Lyon&type=test&radiusKm=50", Ct));
        Assert.Equal(2, wide.RootElement.GetProperty("results").GetArrayLength());
        Assert.Contains("Site vienne", await server.Client.GetStringAsync("/registry/lite?place=Lyon&type=test&radiusKm=50", Ct));
    }

    [Fact]
    public async Task The_lite_page_refuses_bad_values_with_the_apis_message()
    {
        await using var server = await RegistryServer.StartAsync();

        var bad = await server.Client.GetAsync("/registry/lite?place=Lyon&type=test&radiusKm=900", Ct);
        var unknown = await server.Client.GetAsync("/registry/lite?place=Nowhere-sur-Rien&type=test", Ct);
        var api = await server.Client.GetAsync("/registry/v1/search?place=Lyon&type=test&radiusKm=900", Ct);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("radiusKm must be a number above 0 and at most 200", await bad.Content.ReadAsStringAsync(Ct));
        Assert.Contains("radiusKm must be a number above 0 and at most 200", await api.Content.ReadAsStringAsync(Ct));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
