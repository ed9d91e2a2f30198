using System.Text.Json;
using Gardefou.Registry.Tests.Support;

namespace Gardefou.Registry.Tests.Freshness;

public sealed class FreshnessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_number_past_its_time_to_live_is_stale_and_leaves_available_now()
    {
        await using var server = await RegistryServer.StartAsync(settings: new() { ["Registry:MaskTtl"] = "00:15:00" });
        await server.AddSitesAsync(Sites.At("p", 45.76, 4.84, "mask.ffp2"));
        var credential = await server.IssueCredentialAsync("p");
        (await server.PostUpdateAsync("p", credential, new { type = "mask.ffp2", available = 20 })).EnsureSuccessStatusCode();
        const string url = "/registry/v1/search?lat=45.76&lon=4.84&type=mask&availableNow=true";

        server.Time.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));
        using var fresh = JsonDocument.Parse(await server.Client.GetStringAsync(url, Ct));
        var freshResult = fresh.RootElement.GetProperty("results").EnumerateArray().Single();
        Assert.False(freshResult.GetProperty("stale").GetBoolean());
        Assert.Equal(899, freshResult.GetProperty("ageSeconds").GetInt64());

        server.Time.Advance(TimeSpan.FromSeconds(1));
        using var gone = JsonDocument.Parse(await server.Client.GetStringAsync(url, Ct));
        Assert.Empty(gone.RootElement.GetProperty("results").EnumerateArray());
        using var shown = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.76&lon=4.84&type=mask", Ct));
        var stale = shown.RootElement.GetProperty("results").EnumerateArray().Single();
        Assert.True(stale.GetProperty("stale").GetBoolean());
        Assert.Equal(20, stale.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task Each_category_has_its_own_time_to_live()
    {
        await using var server = await RegistryServer.StartAsync(settings: new() { ["Registry:TestTtl"] = "00:10:00", ["Registry:BedTtl"] = "12:00:00" });
        await server.AddSitesAsync(Sites.At("h", 45.76, 4.84, "bed.icu", "test.pcr"));
        var credential = await server.IssueCredentialAsync("h");
        (await server.PostUpdateAsync("h", credential, new { type = "bed.icu", available = 3 })).EnsureSuccessStatusCode();
        (await server.PostUpdateAsync("h", credential, new { type = "test.pcr", available = 30 })).EnsureSuccessStatusCode();

        server.Time.Advance(TimeSpan.FromHours(1));

        using var beds = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.76&lon=4.84&type=bed&availableNow=true", Ct));
        using var tests = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.76&lon=4.84&type=test&availableNow=true", Ct));
        Assert.Single(beds.RootElement.GetProperty("results").EnumerateArray());
        Assert.Empty(tests.RootElement.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task A_reporters_own_validUntil_shortens_the_time_to_live_and_zero_is_never_available()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("p", 45.76, 4.84, "mask.ffp2"), Sites.At("q", 45.761, 4.841, "mask.ffp2"));
        var p = await server.IssueCredentialAsync("p");
        var q = await server.IssueCredentialAsync("q");
        (await server.PostUpdateAsync("p", p, new { type = "mask.ffp2", available = 5, validUntil = RegistryServer.Start.AddMinutes(2) })).EnsureSuccessStatusCode();
        (await server.PostUpdateAsync("q", q, new { type = "mask.ffp2", available = 0 })).EnsureSuccessStatusCode();

        server.Time.Advance(TimeSpan.FromMinutes(3));

        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.76&lon=4.84&type=mask&availableNow=true", Ct));
        Assert.Empty(json.RootElement.GetProperty("results").EnumerateArray());
    }
}
