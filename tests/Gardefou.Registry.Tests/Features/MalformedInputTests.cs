using System.Net;
using System.Text;
using Gardefou.Registry.Tests.Imports;
using Gardefou.Registry.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gardefou.Registry.Tests.Features;

/// <summary>Randomized bad input, seeded so a failure replays: never a 500, never a partly applied batch.</summary>
public sealed class MalformedInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] s_fragments =
    [
        "{", "}", "[", "]", "\"type\"", ":", ",", "\"mask.ffp2\"", "\"available\"", "12", "-1", "1e99", "null", "true",
        "\"band\"", "\"many\"", "\"closed\"", "\"updates\"", "\"checkedAt\"", "\"2026-13-45\"", "\u0000", "\"\\ud800\"",
        "99999999999999999999", "\"total\"", "\"basis\"", "\"staffed\"", "[]", "{}", "\"x\"", " ",
    ];

    [Fact]
    public async Task Random_update_bodies_never_cause_a_server_error_and_never_half_apply_a_batch()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("h", 45.76, 4.84, "mask.ffp2", "bed.icu"));
        var credential = await server.IssueCredentialAsync("h");
        var random = new Random(5);
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 300; i++)
        {
            var body = new StringBuilder();
            var parts = random.Next(1, 14);
            for (var j = 0; j < parts; j++)
            {
                body.Append(s_fragments[random.Next(s_fragments.Length)]);
            }
            var batch = i % 2 == 0;
            var before = await server.WithDbAsync(db => db.Observations.CountAsync(Ct));
            var url = batch ? "/registry/v1/sites/h/availability/batch" : "/registry/v1/sites/h/availability";
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Site-Credential", credential);
            request.Headers.Add("Idempotency-Key", $"fuzz-{i}");
            using var response = await server.Client.SendAsync(request, Ct);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True((int)response.StatusCode < 500, $"{response.StatusCode} for {body}");
            var after = await server.WithDbAsync(db => db.Observations.CountAsync(Ct));
            if (!response.IsSuccessStatusCode)
            {
                Assert.Equal(before, after);
            }
        }
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 50, string.Join(", ", statuses));
    }

    [Fact]
    public async Task Batches_with_one_random_bad_update_are_refused_whole()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("h", 45.76, 4.84, "bed.icu", "bed.general", "bed.oxygen"));
        var credential = await server.IssueCredentialAsync("h");
        var random = new Random(11);
        object[] bad = [new { type = "bed.icu", available = -5 }, new { type = "bed.unknown", available = 1 }, new { type = "bed.icu" },
            new { type = "bed.icu", available = 5, total = 2 }, new { type = "bed.icu", band = "plenty" }, new { type = "bed.icu", available = 1, basis = "imaginary" }];
        for (var i = 0; i < 40; i++)
        {
            var updates = Enumerable.Range(0, random.Next(1, 10)).Select(_ => (object)new { type = "bed.general", available = random.Next(0, 100) }).ToList();
            updates.Insert(random.Next(updates.Count + 1), bad[random.Next(bad.Length)]);
            using var response = await AvailabilityApiTests.Batch(server, credential, $"k{i}", new { updates });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }
        Assert.Equal(0, await server.WithDbAsync(db => db.Observations.CountAsync(Ct)));
    }

    [Fact]
    public async Task Huge_bodies_and_wrong_content_types_get_4xx()
    {
        await using var server = await RegistryServer.StartAsync();
        await server.AddSitesAsync(Sites.At("h", 45.76, 4.84, "mask.ffp2"));
        var credential = await server.IssueCredentialAsync("h");
        using var huge = new HttpRequestMessage(HttpMethod.Post, "/registry/v1/sites/h/availability")
        {
            Content = new StringContent("{\"type\":\"" + new string('a', 100_000) + "\"}", Encoding.UTF8, "application/json"),
        };
        huge.Headers.Add("X-Site-Credential", credential);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await server.Client.SendAsync(huge, Ct)).StatusCode);
        using var text = new HttpRequestMessage(HttpMethod.Post, "/registry/v1/sites/h/availability") { Content = new StringContent("type=mask") };
        text.Headers.Add("X-Site-Credential", credential);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await server.Client.SendAsync(text, Ct)).StatusCode);
    }

    [Fact]
    public async Task Randomly_corrupted_imports_never_cause_a_server_error()
    {
        await using var server = await RegistryServer.StartAsync();
        using var admin = await AdminClient.SignInAsync(server);
        var random = new Random(23);
        var source = ImportTests.TestSitesCsv;
        for (var i = 0; i < 40; i++)
        {
            var chars = source.ToCharArray();
            for (var j = 0; j < 1 + random.Next(30); j++)
            {
                const string noise = "\",\n;x9-\u00e9\0";
                chars[random.Next(chars.Length)] = noise[random.Next(noise.Length)];
            }
            var format = (i % 3) switch { 0 => "test-sites", 1 => "hospital-capacity", _ => "smart" };
            using var content = new MultipartFormDataContent { { new StringContent(new string(chars)), "files", format == "smart" ? "$bulk-publish" : "data.csv" } };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/registry/admin/import/{format}") { Content = content };
            request.Headers.Add("Accept", "application/json");
            using var response = await admin.Http.SendAsync(request, Ct);
            Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }
}
