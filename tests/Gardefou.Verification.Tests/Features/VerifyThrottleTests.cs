using System.Net;
using Gardefou.Verification.Tests.Support;

namespace Gardefou.Verification.Tests.Features;

public sealed class VerifyThrottleTests
{
    [Fact]
    public async Task A_client_guessing_codes_is_throttled_then_let_through_a_minute_later()
    {
        await using var server = await TestServer.StartAsync(StoreKind.Sqlite, new Dictionary<string, string?> { ["Verification:VerifyRequestsPerMinute"] = "5" });
        var key = await server.CreateApiKeyAsync();
        var (code, _) = await ApiCalls.IssueCodeAsync(server.Client, key.Key);
        var wrong = code == "00000000" ? "00000001" : "00000000";

        for (var i = 0; i < 5; i++)
        {
            using var guess = await ApiCalls.VerifyAsync(server.Client, wrong);
            Assert.Equal(HttpStatusCode.BadRequest, guess.StatusCode);
        }
        using (var throttled = await ApiCalls.VerifyAsync(server.Client, code))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal("application/json", throttled.Content.Headers.ContentType?.MediaType);
        }

        using (var otherClient = server.NewClient(from: IPAddress.Parse("127.0.0.3")))
        {
            using var fromElsewhere = await ApiCalls.VerifyAsync(otherClient, wrong);
            Assert.Equal(HttpStatusCode.BadRequest, fromElsewhere.StatusCode);
        }

        server.Time.Advance(TimeSpan.FromMinutes(1));

        using var later = await ApiCalls.VerifyAsync(server.Client, code);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public void The_throttle_keeps_no_address_only_a_keyed_hash_that_changes_each_day()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestServer.Start);
        var throttle = new Security.ClientThrottle(time, perMinute: 1);
        var address = IPAddress.Parse("192.0.2.7");

        Assert.True(throttle.TryAcquire(address, out _));
        Assert.False(throttle.TryAcquire(address, out _));
        Assert.True(throttle.TryAcquire(IPAddress.Parse("192.0.2.8"), out _));
        var windows = (System.Collections.IDictionary)typeof(Security.ClientThrottle)
            .GetField("_windows", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(throttle)!;
        Assert.Equal(2, windows.Count);
        foreach (string limiterKey in windows.Keys)
        {
            Assert.DoesNotContain("192.0.2", limiterKey, StringComparison.Ordinal);
            Assert.Equal(32, Convert.FromBase64String(limiterKey).Length);
        }

        time.Advance(TimeSpan.FromDays(1));
        Assert.True(throttle.TryAcquire(address, out _));
    }
}
