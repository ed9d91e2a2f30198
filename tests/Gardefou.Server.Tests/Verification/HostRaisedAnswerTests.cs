using System.Net;
using Gardefou.Server.Tests.Support;
using Gardefou.Verification;
using Microsoft.Data.Sqlite;

namespace Gardefou.Server.Tests.Verification;

/// <summary>
/// Issue 13, point 1, the rest: answers on <c>/api/verify</c> and <c>/api/certificate</c> that no handler wrote (the
/// host's rate limiter, the router's 405 for a method no endpoint takes, the exception handler's 500 for a fault)
/// must have the handlers' wire size and header set and be held to the latency of real successes. Real traffic comes
/// from many loopback addresses, as phones would, so that only the throttled client spends its rate-limit budget.
/// </summary>
public sealed class HostRaisedAnswerTests
{
    private static readonly IPAddress s_flooder = IPAddress.Parse("127.0.0.3");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_answers_raised_before_the_handler_by_the_rate_limiter_the_router_or_a_fault_look_like_its_own()
    {
        await using var host = await StartAsync();
        var baseAddress = host.Host.BaseAddress;
        var codes = await IssueCodesThenBreakApiKeysAsync(host, 8 + (30 * 3));
        var body = $$"""{"code":"12345678","padding":"{{UploadPathIndistinguishabilityTests.Padding()}}"}""";

        await WireComparison.CompareAsync(() => UploadPathIndistinguishabilityTests.RealVerifyAsync(baseAddress, codes.Dequeue()), HostRaised(baseAddress, "/api/verify", body));
    }

    [Fact]
    public async Task Certificate_answers_raised_before_the_handler_by_the_rate_limiter_the_router_or_a_fault_look_like_its_own()
    {
        await using var host = await StartAsync();
        var baseAddress = host.Host.BaseAddress;
        var codes = await IssueCodesThenBreakApiKeysAsync(host, 8 + (30 * 3));
        using var phones = RawHttp.ManyPhonesClient(baseAddress);
        var hmac = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var body = $$"""{"token":"x","ekeyhmac":"{{hmac}}","padding":"{{UploadPathIndistinguishabilityTests.Padding()}}"}""";

        async Task<RawHttp.Exchange> RealAsync() =>
            await UploadPathIndistinguishabilityTests.RealCertificateAsync(baseAddress, await UploadPathIndistinguishabilityTests.TokenAsync(phones, codes.Dequeue()), hmac);

        await WireComparison.CompareAsync(RealAsync, HostRaised(baseAddress, "/api/certificate", body));
    }

    /// <summary>The three kinds of answer no handler writes, on <paramref name="path"/>.</summary>
    internal static WireComparison.Kind[] HostRaised(Uri baseAddress, string path, string body) =>
    [
        new("throttled by the host's rate limiter", () => ThrottledAsync(baseAddress, path, body), s => s == 429),
        // No endpoint takes PURGE: the router itself answers 405.
        new("method refused by the router", () => RawHttp.PostAsync(baseAddress, path, body, chaff: false, method: "PURGE", from: RawHttp.AnyPhoneAddress()), s => s == 405),
        // A device key is looked up in the table renamed away: the database throws, the exception handler answers 500.
        new("fault answered by the exception handler", () => RawHttp.PostAsync(baseAddress, path, body, chaff: false, from: RawHttp.AnyPhoneAddress(), extraHeader: "X-API-Key: any-device-key"), s => s == 500),
    ];

    /// <summary>One answer of the host's rate limiter: the flooding client's budget (one request a second) is spent first.</summary>
    internal static async Task<RawHttp.Exchange> ThrottledAsync(Uri baseAddress, string path, string body)
    {
        for (var i = 0; i < 10; i++)
        {
            var answer = await RawHttp.PostAsync(baseAddress, path, body, chaff: true, from: s_flooder);
            if (answer.Status == 429)
            {
                return answer;
            }
        }
        throw new InvalidOperationException("the rate limiter never answered 429");
    }

    /// <summary>A host whose rate limiter allows one request a second per address (phones each come from their own).</summary>
    internal static Task<LoopbackHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        settings ??= UploadPathIndistinguishabilityTests.Settings();
        settings["Hosting:RateLimit:PermitsPerSecond"] = "1";
        settings["Hosting:RateLimit:Burst"] = "1";
        return LoopbackHost.StartAsync(GardefouRoles.All, settings);
    }

    private static async Task<Queue<string>> IssueCodesThenBreakApiKeysAsync(LoopbackHost host, int count)
    {
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        using var phones = RawHttp.ManyPhonesClient(host.Host.BaseAddress);
        var phone = new Phone(phones);
        var codes = new Queue<string>();
        for (var i = 0; i < count; i++)
        {
            codes.Enqueue(await phone.IssueCodeAsync(apiKey));
        }
        // A real fault, not a stub: requests that carry a key now fail in the database; keyless phones still verify.
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "verification.db")}");
        await connection.OpenAsync(Ct);
        await using var rename = connection.CreateCommand();
        rename.CommandText = "ALTER TABLE api_keys RENAME TO api_keys_gone";
        await rename.ExecuteNonQueryAsync(Ct);
        return codes;
    }
}
