using System.Net.Http.Json;
using System.Text.Json;
using Gardefou.Server.Tests.Keys;
using Gardefou.Server.Tests.Support;
using Gardefou.Verification;

namespace Gardefou.Server.Tests.Verification;

/// <summary>
/// Issue 13, point 1, for <c>/api/verify</c> and <c>/api/certificate</c>: a network observer sees sizes and timings.
/// Real successes, chaff and errors must have the same number of bytes on the wire (status line and headers
/// included) and latency distributions a two-sample Kolmogorov–Smirnov test cannot separate.
/// </summary>
public sealed class UploadPathIndistinguishabilityTests
{
    private const string Accept = "\"accept\":[\"confirmed\",\"likely\",\"negative\",\"user-report\"]";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static Dictionary<string, string?> Settings() => new(PublishFlowTests.FastSettings())
    {
        ["Verification:WrongCodesPerRealmPerMinute"] = "100000",
        ["Verification:WrongCodesPerMinute"] = "100000",
    };

    [Fact]
    public async Task Verify_answers_real_chaff_and_wrong_code_have_one_wire_size_and_inseparable_latencies()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, Settings());
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var phone = new Phone(host.Client);
        var baseAddress = host.Host.BaseAddress;

        async Task<RawHttp.Exchange> RealAsync() => await RealVerifyAsync(baseAddress, await phone.IssueCodeAsync(apiKey));

        await WireComparison.CompareAsync(RealAsync,
        [
            new("chaff", () => RawHttp.PostAsync(baseAddress, "/api/verify", $$"""{"padding":"{{Padding()}}"}""", chaff: true), s => s == 200),
            new("wrong code", () => WrongVerifyAsync(baseAddress), s => s == 400),
        ]);
    }

    [Fact]
    public async Task Certificate_answers_real_chaff_and_used_token_have_one_wire_size_and_inseparable_latencies()
    {
        await using var host = await LoopbackHost.StartAsync(GardefouRoles.All, Settings());
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var baseAddress = host.Host.BaseAddress;
        var hmac = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var used = new List<string>();

        async Task<RawHttp.Exchange> RealAsync()
        {
            var token = await TokenAsync(host.Client, await new Phone(host.Client).IssueCodeAsync(apiKey));
            used.Add(token);
            return await RealCertificateAsync(baseAddress, token, hmac);
        }
        Task<RawHttp.Exchange> ReplayAsync() => RealCertificateAsync(baseAddress, used[Random.Shared.Next(used.Count)], hmac);

        await WireComparison.CompareAsync(RealAsync,
        [
            new("chaff", () => RawHttp.PostAsync(baseAddress, "/api/certificate", $$"""{"padding":"{{Padding()}}"}""", chaff: true), s => s == 200),
            new("used token", ReplayAsync, s => s is >= 400 and < 500),
        ]);
    }

    internal static Task<RawHttp.Exchange> RealVerifyAsync(Uri baseAddress, string code) =>
        RawHttp.PostAsync(baseAddress, "/api/verify", $$"""{"code":"{{code}}",{{Accept}},"padding":"{{Padding()}}"}""", chaff: false, from: RawHttp.AnyPhoneAddress());

    internal static Task<RawHttp.Exchange> WrongVerifyAsync(Uri baseAddress) =>
        RawHttp.PostAsync(baseAddress, "/api/verify", $$"""{"code":"{{Random.Shared.Next(100_000_000):D8}}",{{Accept}},"padding":"{{Padding()}}"}""", chaff: false, from: RawHttp.AnyPhoneAddress());

    internal static Task<RawHttp.Exchange> RealCertificateAsync(Uri baseAddress, string token, string hmac) =>
        RawHttp.PostAsync(baseAddress, "/api/certificate", $$"""{"token":"{{token}}","ekeyhmac":"{{hmac}}","padding":"{{Padding()}}"}""", chaff: false, from: RawHttp.AnyPhoneAddress());

    internal static async Task<string> TokenAsync(HttpClient client, string code)
    {
        using var verify = await client.PostAsJsonAsync("/api/verify", new { code }, Ct);
        var text = await verify.Content.ReadAsStringAsync(Ct);
        Assert.True(verify.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }

    internal static string Padding() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Random.Shared.Next(100, 700)));
}
