using System.Net;
using Gardefou.Verification.Storage;
using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Features;

/// <summary>Google's device API keys (<c>X-API-Key</c>) on verify and certificate, required per realm.</summary>
public sealed class DeviceKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_realm_requiring_device_keys_reaches_its_codes_only_with_its_own_device_key()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?> { ["Verification:Realms:north:RequireDeviceKey"] = "true" });
        var lab = await server.CreateApiKeyAsync("north");
        var app = await server.Services.CreateApiKeyAsync("north", "app", ApiKeyKind.Device, Ct);
        var demoApp = await server.Services.CreateApiKeyAsync("demo", "app", ApiKeyKind.Device, Ct);
        var (code, _) = await ApiCalls.IssueCodeAsync(server.Client, lab.Key);

        using var keyless = await ApiCalls.PostJsonAsync(server.Client, "/api/verify", $$"""{"code":"{{code}}"}""");
        using var wrongRealm = await ApiCalls.PostJsonAsync(server.Client, "/api/verify", $$"""{"code":"{{code}}"}""", demoApp.Key);
        using var labKey = await ApiCalls.PostJsonAsync(server.Client, "/api/verify", $$"""{"code":"{{code}}"}""", lab.Key);
        Assert.Equal("code_invalid", (await ApiCalls.ReadJsonAsync(keyless)).GetProperty("errorCode").GetString());
        Assert.Equal("code_invalid", (await ApiCalls.ReadJsonAsync(wrongRealm)).GetProperty("errorCode").GetString());
        Assert.Equal("code_invalid", (await ApiCalls.ReadJsonAsync(labKey)).GetProperty("errorCode").GetString());

        using var verified = await ApiCalls.PostJsonAsync(server.Client, "/api/verify", $$"""{"code":"{{code}}"}""", app.Key);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var token = (await ApiCalls.ReadJsonAsync(verified)).GetProperty("token").GetString()!;
        var body = $$"""{"token":"{{token}}","ekeyhmac":"{{ApiCalls.PublishedTekHmac()}}"}""";
        using var keylessCertificate = await ApiCalls.PostJsonAsync(server.Client, "/api/certificate", body);
        Assert.Equal("token_invalid", (await ApiCalls.ReadJsonAsync(keylessCertificate)).GetProperty("errorCode").GetString());
        using var certificate = await ApiCalls.PostJsonAsync(server.Client, "/api/certificate", body, app.Key);
        Assert.Equal(HttpStatusCode.OK, certificate.StatusCode);
    }

    [Fact]
    public async Task When_every_realm_requires_device_keys_a_request_without_one_is_401_as_google()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?> { ["Verification:Realms:demo:RequireDeviceKey"] = "true" });

        using var verify = await ApiCalls.PostJsonAsync(server.Client, "/api/verify", """{"code":"12345678"}""");
        using var certificate = await ApiCalls.PostJsonAsync(server.Client, "/api/certificate", """{"token":"x","ekeyhmac":"y"}""", "some-old-key");

        Assert.Equal(HttpStatusCode.Unauthorized, verify.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, certificate.StatusCode);
        Assert.Equal("unauthorized", (await ApiCalls.ReadJsonAsync(verify)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task In_the_demo_realm_an_unchanged_app_sending_its_old_servers_key_still_verifies()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite);
        var lab = await server.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(server.Client, lab.Key);

        using var response = await ApiCalls.PostJsonAsync(server.Client, "/api/verify", $$"""{"code":"{{code}}","accept":["confirmed"]}""", "abcd.5.dkanddssk");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
