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
    private const int Samples = 30;
    private const int Attempts = 3;

    // Critical value of the two-sample test at alpha = 0.001 for 30 + 30 samples.
    private const double Critical = 0.5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings() => new(PublishFlowTests.FastSettings())
    {
        ["Verification:WrongCodesPerRealmPerMinute"] = "100000",
        ["Verification:WrongCodesPerMinute"] = "100000",
    };

    [Fact]
    public async Task Verify_answers_real_chaff_and_wrong_code_have_one_wire_size_and_inseparable_latencies()
    {
        await using var host = await TestHost.StartAsync(GardefouRoles.All, Settings());
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var phone = new Phone(host.Client);
        var baseAddress = host.Host.BaseAddress;
        const string Accept = "\"accept\":[\"confirmed\",\"likely\",\"negative\",\"user-report\"]";

        async Task<RawHttp.Exchange> RealAsync()
        {
            var code = await phone.IssueCodeAsync(apiKey);
            return await RawHttp.PostAsync(baseAddress, "/api/verify", $$"""{"code":"{{code}}",{{Accept}},"padding":"{{Padding()}}"}""", chaff: false);
        }
        Task<RawHttp.Exchange> ChaffAsync() => RawHttp.PostAsync(baseAddress, "/api/verify", $$"""{"padding":"{{Padding()}}"}""", chaff: true);
        Task<RawHttp.Exchange> WrongAsync() => RawHttp.PostAsync(baseAddress, "/api/verify", $$"""{"code":"{{Random.Shared.Next(100_000_000):D8}}",{{Accept}},"padding":"{{Padding()}}"}""", chaff: false);

        await CompareAsync(RealAsync, ChaffAsync, WrongAsync, expectedRealStatus: 200);
    }

    [Fact]
    public async Task Certificate_answers_real_chaff_and_used_token_have_one_wire_size_and_inseparable_latencies()
    {
        await using var host = await TestHost.StartAsync(GardefouRoles.All, Settings());
        var apiKey = (await host.Host.Services.CreateApiKeyAsync("demo", "lab", Ct)).Key;
        var baseAddress = host.Host.BaseAddress;
        var hmac = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var used = new List<string>();

        async Task<string> TokenAsync()
        {
            var code = await new Phone(host.Client).IssueCodeAsync(apiKey);
            using var verify = await host.Client.PostAsJsonAsync("/api/verify", new { code }, Ct);
            return JsonDocument.Parse(await verify.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("token").GetString()!;
        }
        async Task<RawHttp.Exchange> RealAsync()
        {
            var token = await TokenAsync();
            used.Add(token);
            return await RawHttp.PostAsync(baseAddress, "/api/certificate", $$"""{"token":"{{token}}","ekeyhmac":"{{hmac}}","padding":"{{Padding()}}"}""", chaff: false);
        }
        Task<RawHttp.Exchange> ChaffAsync() => RawHttp.PostAsync(baseAddress, "/api/certificate", $$"""{"padding":"{{Padding()}}"}""", chaff: true);
        Task<RawHttp.Exchange> ReplayAsync() => RawHttp.PostAsync(baseAddress, "/api/certificate", $$"""{"token":"{{used[Random.Shared.Next(used.Count)]}}","ekeyhmac":"{{hmac}}","padding":"{{Padding()}}"}""", chaff: false);

        await CompareAsync(RealAsync, ChaffAsync, ReplayAsync, expectedRealStatus: 200);
    }

    private static async Task CompareAsync(Func<Task<RawHttp.Exchange>> real, Func<Task<RawHttp.Exchange>> chaff, Func<Task<RawHttp.Exchange>> error, int expectedRealStatus)
    {
        // Warm up: the first real successes seed the latency the others are held to.
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(expectedRealStatus, (await real()).Status);
        }
        var sizes = new HashSet<int>();
        var headNames = new HashSet<string>();
        var verdicts = new List<string>();
        var indistinguishable = false;
        for (var attempt = 0; attempt < Attempts && !indistinguishable; attempt++)
        {
            var realTimes = new List<double>();
            var chaffTimes = new List<double>();
            var errorTimes = new List<double>();
            for (var i = 0; i < Samples; i++)
            {
                var r = await real();
                var c = await chaff();
                var e = await error();
                Assert.Equal(expectedRealStatus, r.Status);
                Assert.Equal(200, c.Status);
                Assert.InRange(e.Status, 400, 499);
                foreach (var x in new[] { r, c, e })
                {
                    sizes.Add(x.WireBytes);
                    headNames.Add(string.Join(',', x.Head.Split("\r\n").Skip(1).Select(h => h[..h.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal)));
                }
                realTimes.Add(r.Milliseconds);
                chaffTimes.Add(c.Milliseconds);
                errorTimes.Add(e.Milliseconds);
            }
            var chaffStatistic = ChaffIndistinguishabilityTests.KolmogorovSmirnov(realTimes, chaffTimes);
            var errorStatistic = ChaffIndistinguishabilityTests.KolmogorovSmirnov(realTimes, errorTimes);
            verdicts.Add($"KS real/chaff {chaffStatistic:0.000}, real/error {errorStatistic:0.000}; medians real {Median(realTimes):0.00} ms, chaff {Median(chaffTimes):0.00} ms, error {Median(errorTimes):0.00} ms; wire bytes {string.Join('/', sizes)}");
            TestContext.Current.TestOutputHelper?.WriteLine(verdicts[^1]);
            indistinguishable = chaffStatistic < Critical && errorStatistic < Critical;
        }

        Assert.True(sizes.Count == 1, "wire sizes: " + string.Join(", ", sizes));
        Assert.True(headNames.Count == 1, "header sets: " + string.Join(" | ", headNames));
        Assert.True(indistinguishable, string.Join(" | ", verdicts));
    }

    private static string Padding() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Random.Shared.Next(100, 700)));

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
