using System.Net;
using System.Text.Json;
using Gardefou.Registry.Tests.Support;

namespace Gardefou.Registry.Tests.Features;

public sealed class SearchApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_near_a_point_returns_the_contract_fields_sorted_by_distance()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(
            Sites.At("far", 45.80, 4.90, "mask.ffp2"),
            Sites.At("near", 45.758, 4.833, "mask.ffp2", "mask.surgical"),
            Sites.At("mid", 45.77, 4.85, "mask.ffp2"),
            Sites.At("beds-only", 45.7579, 4.8321, "bed.icu"),
            Sites.At("out-of-radius", 46.5, 4.8, "mask.ffp2"));
        var credential = await server.IssueCredentialAsync("near");
        (await server.PostUpdateAsync("near", credential, new { type = "mask.ffp2", available = 12 })).EnsureSuccessStatusCode();
        (await server.PostUpdateAsync("near", credential, new { type = "mask.surgical", available = 3 })).EnsureSuccessStatusCode();
        server.Time.Advance(TimeSpan.FromMinutes(4));

        using var response = await server.Client.GetAsync("/registry/v1/search?lat=45.7578&lon=4.8320&radiusKm=10&type=mask", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["near", "mid", "far"], results.Select(r => r.GetProperty("siteId").GetString()));
        var near = results[0];
        foreach (var field in new[] { "siteId", "name", "latitude", "longitude", "distanceKm", "type", "available", "band", "checkedAt", "ageSeconds", "source", "stale" })
        {
            Assert.True(near.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal(15, near.GetProperty("available").GetInt32());
        Assert.Equal("some", near.GetProperty("band").GetString());
        Assert.Equal(240, near.GetProperty("ageSeconds").GetInt64());
        Assert.Equal("mask", near.GetProperty("type").GetString());
        Assert.Equal("site-api", near.GetProperty("source").GetString());
        Assert.False(near.GetProperty("stale").GetBoolean());
        // A site that never reported shows null, not zero: only zero can be trusted blindly.
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("available").ValueKind);
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("band").ValueKind);
        var distances = results.Select(r => r.GetProperty("distanceKm").GetDouble()).ToList();
        Assert.Equal(distances.Order(), distances);
    }

    [Fact]
    public async Task Search_by_postcode_or_town_resolves_through_the_gazetteer()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("lyon", 45.76, 4.84, "test.pcr"), Sites.At("paris", 48.85, 2.35, "test.pcr"));

        foreach (var place in new[] { "Lyon", "lyon", "69003", "LYON " })
        {
            using var json = JsonDocument.Parse(await server.Client.GetStringAsync($"/registry/v1/search?place={Uri.EscapeDataString(place)}&type=test&radiusKm=20", Ct));
            Assert.Equal(["lyon"], json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("siteId").GetString()));
        }
        using var accents = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?place=saint-etienne&type=test", Ct));
        Assert.Equal("Saint-Étienne", accents.RootElement.GetProperty("place").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/registry/v1/search?lat=91&lon=4&type=test")]
    [InlineData("/registry/v1/search?lat=abc&lon=4&type=test")]
    [InlineData("/registry/v1/search?lat=45&lon=4&type=vaccine")]
    [InlineData("/registry/v1/search?lat=45&lon=4&type=1")]
    [InlineData("/registry/v1/search?lat=45&lon=4&type=test,mask")]
    [InlineData("/registry/v1/search?lat=45&lon=4&type=test&radiusKm=0")]
    [InlineData("/registry/v1/search?lat=45&lon=4&type=test&radiusKm=1e309")]
    [InlineData("/registry/v1/search?lat=NaN&lon=4&type=test")]
    [InlineData("/registry/v1/search?place=Atlantis&type=test")]
    [InlineData("/registry/v1/search?place=Lyon&lat=45&lon=4&type=test")]
    [InlineData("/registry/v1/search?lat=45&lon=4&type=test&availableNow=maybe")]
    [InlineData("/registry/v1/search?type=test")]
    public async Task Bad_queries_get_a_400_problem(string url)
    {
        await using var server = await RegistryServer.StartAsync();
        using var response = await server.Client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    public async Task The_query_is_never_logged_even_when_an_operator_opens_the_frameworks_categories(string? category)
    {
        // An operator raising the framework's log level to debug something must not make it write the request lines.
        var settings = category is null ? null : new Dictionary<string, string?> { [$"Logging:LogLevel:{category}"] = "Trace" };
        await using var server = await RegistryServer.StartAsync(settings: settings);
        await server.AddSitesAsync(Sites.At("a", 45.76, 4.84, "test.pcr"));
        Assert.NotEmpty(server.Logs.GetSnapshot()); // the capture works: start-up wrote its lines
        server.Logs.Clear();

        (await server.Client.GetAsync("/registry/v1/search?lat=45.7612&lon=4.8377&radiusKm=7&type=test", Ct)).EnsureSuccessStatusCode();
        (await server.Client.GetAsync("/registry/v1/search?place=Villeurbanne&type=test", Ct)).EnsureSuccessStatusCode();
        (await server.Client.GetAsync("/registry/lite?place=Caluire-et-Cuire&type=test", Ct)).EnsureSuccessStatusCode();

        var logged = string.Join("\n", server.Logs.GetSnapshot().Select(r => $"{r.Category} {r.Message} {string.Join(",", r.StructuredState ?? [])}"));
        // Everything the real host lets through: the registry's own categories at Trace, and the framework's only from
        // Warning up, which keeps its request lines (they carry the query string) out.
        foreach (var secret in new[] { "45.7612", "4.8377", "Villeurbanne", "Caluire", "lat=", "place=" })
        {
            Assert.DoesNotContain(secret, logged, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Filters_for_wheelchair_and_precise_type_narrow_the_results()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("w", 45.76, 4.84, "mask.ffp2"), Sites.At("plain", 45.761, 4.841, "mask.child"));

        using var wheel = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.76&lon=4.84&type=mask&wheelchair=true", Ct));
        Assert.Equal(["w"], wheel.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("siteId").GetString()));
        using var child = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.76&lon=4.84&type=mask.child", Ct));
        Assert.Equal(["plain"], child.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("siteId").GetString()));
    }
}
