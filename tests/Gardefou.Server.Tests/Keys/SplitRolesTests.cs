using System.Net;
using Gardefou.Protocol.Export;
using Gardefou.Server.Tests.Support;
using Gardefou.Verification;

namespace Gardefou.Server.Tests.Keys;

/// <summary>Production shape: verification and keys in separate processes; the key service trusts the verification server through its well-known URL.</summary>
public sealed class SplitRolesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_keys_only_server_accepts_certificates_of_a_separate_verification_server()
    {
        await using var verification = await LoopbackHost.StartAsync(GardefouRoles.Verification, PublishFlowTests.FastSettings());
        var settings = PublishFlowTests.FastSettings();
        settings["Keys:HealthAuthorities:demo:VerificationKeysUrl"] = new Uri(verification.Host.BaseAddress, ".well-known/gardefou/verification-keys").ToString();
        settings["Keys:HealthAuthorities:demo:Issuer"] = "gardefou-verification";
        await using var keys = await LoopbackHost.StartAsync(GardefouRoles.Keys, settings, TimeSpan.FromSeconds(2));

        using (var noPublish = await verification.Client.PostAsync("/v1/publish", new StringContent("{}"), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, noPublish.StatusCode);
        }
        using (var noVerify = await keys.Client.PostAsync("/api/verify", new StringContent("{}"), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, noVerify.StatusCode);
        }

        var apiKey = (await verification.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var app = new Phone(verification.Client);
        var upload = await app.PrepareUploadAsync(await app.IssueCodeAsync(apiKey), Phone.DailyKeys(7));
        using (var published = await new Phone(keys.Client).PublishAsync(upload))
        {
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(Ct));
        }

        var index = await Clients.WaitForNonEmptyAsync(keys.Client, "/v1/exports/index.txt", TimeSpan.FromSeconds(30));
        var contents = ExportFileReader.Read(await keys.Client.GetByteArrayAsync($"/v1/exports/{index.Split('\n')[0]}", Ct));
        Assert.Subset(contents.Batch.Keys.Select(k => k.Key.ToBase64()).ToHashSet(), upload.Keys.ToHashSet());
    }
}
