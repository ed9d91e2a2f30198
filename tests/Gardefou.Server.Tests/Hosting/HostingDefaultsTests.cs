using System.Net;
using System.Text;
using System.Text.Json;

namespace Gardefou.Server.Tests.Hosting;

public sealed class HostingDefaultsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Health_endpoints_and_the_OpenAPI_document_answer()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.Keys);
        Assert.Equal("Healthy", await host.Client.GetStringAsync("/health/live", Ct));
        Assert.Equal("Healthy", await host.Client.GetStringAsync("/health/ready", Ct));
        using var openApi = JsonDocument.Parse(await host.Client.GetStringAsync("/openapi/v1.json", Ct));
        var paths = openApi.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/publish", out _));
        Assert.True(paths.TryGetProperty("/v1/exports/index.txt", out _));
    }

    [Fact]
    public async Task Malformed_json_gets_a_400_problem_not_a_500()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.Keys);
        foreach (var body in new[] { "{", "[]", "{\"temporaryExposureKeys\": 5}", "{\"unknownField\": 1}", "{\"traveler\": \"yes\"}", "null" })
        {
            using var response = await host.Client.PostAsync("/v1/publish", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} -> {response.StatusCode}");
            var problem = await ProblemAsync(response);
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task A_body_over_the_publish_limit_gets_413()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.Keys);
        var huge = "{\"padding\":\"" + new string('A', 70 * 1024) + "\"}";
        using var response = await host.Client.PostAsync("/v1/publish", new StringContent(huge, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (await ProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Wrong_content_type_and_unknown_routes_get_problem_details()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.Keys);
        using var text = await host.Client.PostAsync("/v1/publish", new StringContent("hello", Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        using var missing = await host.Client.GetAsync("/v1/nothing-here", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(404, (await ProblemAsync(missing)).GetProperty("status").GetInt32());
        using var traversal = await host.Client.GetAsync("/v1/exports/..%2F..%2Fkeys.db", Ct);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_a_problem_body()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.Keys, new Dictionary<string, string?>
        {
            ["Hosting:RateLimit:PermitsPerSecond"] = "1",
            ["Hosting:RateLimit:Burst"] = "5",
        });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await host.Client.GetAsync("/health/live", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(429, (await ProblemAsync(response)).GetProperty("status").GetInt32());
                Assert.True(response.Headers.Contains("Retry-After"));
            }
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task The_exports_index_is_empty_and_the_public_key_is_a_pem()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.Keys);
        Assert.Equal("", await host.Client.GetStringAsync("/v1/exports/index.txt", Ct));
        var pem = await host.Client.GetStringAsync("/v1/exports/public-key.pem", Ct);
        using var key = Gardefou.Protocol.Export.EcdsaPem.LoadPublicKey(pem);
        Assert.Equal(256, key.KeySize);
        using var badAfter = await host.Client.GetAsync("/v1/exports/index.txt?after=../../etc/passwd", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badAfter.StatusCode);
    }
}
