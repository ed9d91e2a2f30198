using System.Text.Json;
using Gardefou.Registry.Tests.Support;

namespace Gardefou.Registry.Tests.Features;

public sealed class SearchSizeCapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_small_request_cannot_buy_an_answer_larger_than_the_cap_and_the_answer_says_it_was_cut()
    {
        await using var server = await RegistryServer.StartAsync(settings: new() { ["Registry:MaxSearchResponseBytes"] = "8192" });
        await server.AddSitesAsync([.. Enumerable.Range(0, 60).Select(i => Sites.At($"s{i:D2}", 45.70 + (i * 0.002), 4.80, "mask.ffp2", "mask.surgical", "mask.child"))]);

        var query = "/registry/v1/search?lat=45.70&lon=4.80&radiusKm=200&limit=500&type=mask";
        var bytes = await server.Client.GetByteArrayAsync(query, Ct);
        using var json = JsonDocument.Parse(bytes);
        var results = json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("siteId").GetString()).ToList();

        Assert.InRange(bytes.Length, 4096, 8192);
        Assert.True(json.RootElement.GetProperty("truncated").GetBoolean());
        Assert.InRange(results.Count, 5, 59);
        Assert.Equal([.. Enumerable.Range(0, results.Count).Select(i => $"s{i:D2}")], results); // nearest first, none skipped

        using var small = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.70&lon=4.80&radiusKm=1&type=mask", Ct));
        Assert.False(small.RootElement.GetProperty("truncated").GetBoolean());
    }
}
