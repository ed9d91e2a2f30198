using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Gardefou.Registry.Tests.Support;

namespace Gardefou.Registry.Tests.Publication;

public sealed class StaticPublicationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_update_rewrites_its_tile_after_the_debounce_with_a_new_etag_and_a_valid_signature()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("p", 45.76, 4.84, "mask.ffp2"));
        await server.Publisher.FlushAsync(Ct, forceNational: true);
        using var before = await server.Client.GetAsync("/registry/static/tiles/183_19.json", Ct);
        var etag = before.Headers.ETag!;
        var credential = await server.IssueCredentialAsync("p");

        (await server.PostUpdateAsync("p", credential, new { type = "mask.ffp2", available = 37 })).EnsureSuccessStatusCode();
        // The publisher waits for a quiet time measured on the injected clock.
        var tile = Path.Combine(server.DataDirectory, "registry-static", "tiles", "183_19.json");
        for (var i = 0; i < 200 && !File.ReadAllText(tile).Contains("\"available\":37", StringComparison.Ordinal); i++)
        {
            server.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(20, Ct);
        }

        Assert.Contains("\"available\":37", File.ReadAllText(tile), StringComparison.Ordinal);
        using var after = await server.Client.GetAsync("/registry/static/tiles/183_19.json", Ct);
        Assert.NotEqual(etag, after.Headers.ETag);
        var bytes = await after.Content.ReadAsByteArrayAsync(Ct);
        var signature = Convert.FromBase64String(await server.Client.GetStringAsync("/registry/static/tiles/183_19.json.sig", Ct));
        using var key = ECDsa.Create();
        key.ImportFromPem(await server.Client.GetStringAsync("/registry/static/public-key.pem", Ct));
        Assert.True(key.VerifyData(bytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        bytes[^2] ^= 1;
        Assert.False(key.VerifyData(bytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        var conditional = new HttpRequestMessage(HttpMethod.Get, "/registry/static/tiles/183_19.json");
        conditional.Headers.IfNoneMatch.Add(after.Headers.ETag!);
        using var notModified = await server.Client.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task The_national_files_follow_the_standards_shapes()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("lab", 45.76, 4.84, "test.pcr"), Sites.At("hosp", 45.75, 4.85, "bed.icu"));
        var credential = await server.IssueCredentialAsync("lab");
        (await server.PostUpdateAsync("lab", credential, new { type = "test.pcr", available = 9 })).EnsureSuccessStatusCode();
        await server.Publisher.FlushAsync(Ct, forceNational: true);

        using var geo = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/static/feed.geojson", Ct));
        Assert.Equal("FeatureCollection", geo.RootElement.GetProperty("type").GetString());
        var lab = geo.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "lab");
        Assert.Equal([4.84, 45.76], lab.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));

        using var manifest = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/static/smart/$bulk-publish", Ct));
        Assert.Equal(["Location", "Schedule", "Slot"], manifest.RootElement.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("type").GetString()));
        var slots = (await server.Client.GetStringAsync("/registry/static/smart/slots.ndjson", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var slot = JsonDocument.Parse(slots.Single());
        Assert.Equal("free", slot.RootElement.GetProperty("status").GetString());
        Assert.Equal("Schedule/lab", slot.RootElement.GetProperty("schedule").GetProperty("reference").GetString());

        using var hsds = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/static/hsds.json", Ct));
        var service = hsds.RootElement.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "lab/test.pcr");
        Assert.Equal(9, service.GetProperty("capacities")[0].GetProperty("available").GetInt32());

        using var index = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/static/tiles/index.json", Ct));
        Assert.Equal(600, index.RootElement.GetProperty("ttlSeconds").GetProperty("test").GetInt64());
        Assert.Contains("tiles/183_19.json", index.RootElement.GetProperty("tiles").EnumerateArray().Select(t => t.GetProperty("path").GetString()));
    }

    [Theory]
    [InlineData("/registry/static/../registry.db")]
    [InlineData("/registry/static/%2e%2e/registry.db")]
    [InlineData("/registry/static/tiles/99_99.json")]
    [InlineData("/registry/static/")]
    public async Task Only_published_files_are_served(string url)
    {
        await using var server = await RegistryServer.StartAsync();
        using var response = await server.Client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
