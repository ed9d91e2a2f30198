using System.Net;
using System.Text;
using System.Text.Json;
using Gardefou.Registry.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Tests.Features;

public sealed class AvailabilityApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_exact_update_with_the_site_credential_is_searchable_at_once_and_history_is_kept()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("s1", 45.76, 4.84, "test.antigen"));
        var credential = await server.IssueCredentialAsync("s1");

        using var first = await server.PostUpdateAsync("s1", credential, new { type = "test.antigen", available = 12 });
        server.Time.Advance(TimeSpan.FromMinutes(1));
        using var second = await server.PostUpdateAsync("s1", credential, new { type = "test.antigen", available = 7 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.76&lon=4.84&type=test", Ct));
        Assert.Equal(7, json.RootElement.GetProperty("results")[0].GetProperty("available").GetInt32());
        var history = await server.WithDbAsync(db => db.Observations.Where(o => o.SiteId == "s1").OrderBy(o => o.Id).ToListAsync(Ct));
        Assert.Equal([12, 7], history.Select(h => h.Available));
        Assert.Equal([false, true], history.Select(h => h.IsCurrent));
    }

    [Fact]
    public async Task Missing_wrong_other_sites_and_revoked_credentials_are_refused()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("s1", 45.76, 4.84, "mask.ffp2"), Sites.At("s2", 45.77, 4.85, "mask.ffp2"));
        var credential = await server.IssueCredentialAsync("s1");
        var other = await server.IssueCredentialAsync("s2");
        var body = new { type = "mask.ffp2", available = 5 };

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.PostUpdateAsync("s1", null, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.PostUpdateAsync("s1", credential[..^2] + "AA", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.PostUpdateAsync("s1", other, body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.PostUpdateAsync("s1", credential, body)).StatusCode);

        var id = credential.Split('_')[1];
        await server.WithDbAsync(db => Gardefou.Registry.Operators.SiteCredentials.RevokeAsync(db, id, server.Time.GetUtcNow(), Ct));

        using var refused = await server.PostUpdateAsync("s1", credential, body);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_batch_is_idempotent_under_its_key()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("h", 45.76, 4.84, "bed.icu", "bed.general"));
        var credential = await server.IssueCredentialAsync("h");
        var body = new { updates = new object[] { new { type = "bed.icu", available = 2, total = 10, basis = "staffed" }, new { type = "bed.general", available = 40 } } };

        using var first = await Batch(server, credential, "key-1", body);
        server.Time.Advance(TimeSpan.FromSeconds(30));
        using var replay = await Batch(server, credential, "key-1", body);
        using var reused = await Batch(server, credential, "key-1", new { updates = new object[] { new { type = "bed.icu", available = 1 } } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await replay.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(2, await server.WithDbAsync(db => db.Observations.CountAsync(o => o.SiteId == "h", Ct)));
    }

    [Fact]
    public async Task A_batch_with_one_bad_update_applies_nothing()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("h", 45.76, 4.84, "bed.icu", "bed.general"));
        var credential = await server.IssueCredentialAsync("h");

        using var response = await Batch(server, credential, "k", new { updates = new object[] { new { type = "bed.icu", available = 2 }, new { type = "bed.icu", available = -1 } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("updates[1]", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await server.WithDbAsync(db => db.Observations.CountAsync(Ct)));
        Assert.All(server.State.Index.Snapshot().Single().Capacity, Assert.Null);
    }

    [Fact]
    public async Task Closed_and_band_reports_are_accepted_and_unknown_fields_refused()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("p", 45.76, 4.84, "mask.surgical"));
        var credential = await server.IssueCredentialAsync("p");

        Assert.Equal(HttpStatusCode.OK, (await server.PostUpdateAsync("p", credential, new { type = "mask.surgical", band = "low" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.PostUpdateAsync("p", credential, new { type = "mask.surgical", closed = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PostUpdateAsync("p", credential, new { type = "mask.surgical", available = 1, colour = "red" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await server.PostUpdateAsync("p", credential, new { type = "mask.surgical" })).StatusCode);

        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/registry/v1/search?lat=45.76&lon=4.84&type=mask", Ct));
        var result = json.RootElement.GetProperty("results")[0];
        Assert.Equal(0, result.GetProperty("available").GetInt32());
        Assert.Equal("none", result.GetProperty("band").GetString());
    }

    internal static Task<HttpResponseMessage> Batch(RegistryServer server, string credential, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/registry/v1/sites/h/availability/batch")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Site-Credential", credential);
        request.Headers.Add("Idempotency-Key", key);
        return server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
